// Tokenizes every real hunting query in ../shared/corpus/kql with the KQL grammar. Real queries
// are messy (published malformed, pasted from Markdown, half-commented), and the grammar must
// neither throw nor leave a region open that would miscolour the rest of the file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadGrammar, repoRoot, tokenizeDocument } from './tokenize.js';

const corpusDir = join(repoRoot, '../shared/corpus/kql');

function collect(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.kql') ? [path] : [];
  });
}

test(
  'every corpus query tokenizes and ends at the root state',
  { skip: !existsSync(corpusDir) && `corpus not found at ${corpusDir}` },
  async (t) => {
    const grammar = await loadGrammar('source.kql');
    const files = collect(corpusDir);
    const failures: string[] = [];
    const openAtEnd: string[] = [];
    let lines = 0;
    let openLines = 0;
    const strayRegions: string[] = [];
    const unterminated: string[] = [];
    const started = performance.now();
    for (const file of files) {
      try {
        const tokenized = tokenizeDocument(grammar, readFileSync(file, 'utf8'));
        lines += tokenized.length;
        for (const [index, line] of tokenized.entries()) {
          const scopes = line.tokens.at(-1)?.scopes ?? [];
          // A line may end inside a region only if that region is a ``` multi-line string.
          if (!line.endsAtRoot) {
            openLines += 1;
            if (!scopes.includes('string.quoted.other.multiline.kql')) {
              strayRegions.push(`${file}:${index + 1}`);
            }
          }
          // A quoted string cut off by the end of its line: a typo in the query, or a grammar
          // bug in escapes or verbatim strings if this number grows.
          const inString = scopes.some((scope) => /^string\.quoted\.(double|single)/.test(scope));
          if (inString && !scopes.includes('punctuation.definition.string.end.kql')) {
            unterminated.push(`${file.slice(corpusDir.length + 1)}:${index + 1}`);
          }
        }
        if (!tokenized.at(-1)?.endsAtRoot) openAtEnd.push(file.slice(corpusDir.length + 1));
      } catch (error) {
        failures.push(`${file}: ${String(error)}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const atRoot = files.length - openAtEnd.length;
    t.diagnostic(
      `${files.length} files, ${lines} lines in ${seconds.toFixed(1)}s; ` +
        `${atRoot}/${files.length} end at the root state ` +
        `(${((100 * atRoot) / files.length).toFixed(2)}%); ` +
        `${openLines} lines end inside a multi-line string; ` +
        `${unterminated.length} lines end in an unterminated quoted string`,
    );
    if (unterminated.length > 0) t.diagnostic(`unterminated: ${unterminated.join(', ')}`);
    if (openAtEnd.length > 0) t.diagnostic(`left open at end: ${openAtEnd.join(', ')}`);
    assert.ok(files.length > 1000, `expected the full corpus, found ${files.length} files`);
    assert.deepEqual(failures, [], 'tokenizer exceptions');
    assert.ok(atRoot / files.length >= 0.99, `only ${atRoot}/${files.length} end at root`);
    assert.deepEqual(strayRegions, [], 'lines ending inside a region other than a ``` string');
    // The corpus has one: jkerai1/98.kql closes a string with a typographic quote (’).
    assert.ok(unterminated.length <= 3, `unterminated strings: ${unterminated.join(', ')}`);
    // About 2 s on an idle machine. tokenizeDocument already fails any single line that takes
    // over a second; this generous total only catches a regex that is slow everywhere, with room
    // for a CI machine busy with other suites.
    assert.ok(seconds < 180, `corpus took ${seconds.toFixed(1)}s`);
  },
);
