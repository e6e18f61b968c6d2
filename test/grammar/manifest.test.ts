// Checks the files VS Code loads for KQL besides the grammar's tokens: the committed JSON
// grammars match their YAML sources, the language configuration is valid, and the package.json
// contributions point at files that exist. A mismatch here shows up in the editor only as
// silently missing highlighting, so it is cheaper to catch it in a unit test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './tokenize.js';

const syntaxDir = join(repoRoot, 'syntaxes');

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

test('the committed JSON grammars are up to date with their YAML sources', () => {
  // The build script owns the YAML → JSON rules (including {{variable}} expansion), so the
  // test asks it rather than re-implementing them.
  const result = spawnSync(process.execPath, ['scripts/build-grammar.mjs', '--check'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  for (const name of readdirSync(syntaxDir).filter((file) => file.endsWith('.tmLanguage.json'))) {
    const compiled = readJson(join(syntaxDir, name)) as Record<string, unknown>;
    const [firstKey] = Object.keys(compiled);
    assert.equal(firstKey, 'information_for_contributors', `${name}: first key marks it generated`);
    assert.match(JSON.stringify(compiled[firstKey]), /scripts\/build-grammar\.mjs/);
    assert.doesNotMatch(JSON.stringify(compiled), /\{\{\w+\}\}/, `${name}: unexpanded variable`);
  }
});

test('language-configuration.json is valid and its patterns compile', () => {
  const config = readJson(join(repoRoot, 'language-configuration.json')) as {
    comments: { lineComment: string };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string }[];
    wordPattern: string;
    indentationRules: Record<string, string>;
  };
  assert.equal(config.comments.lineComment, '//');
  assert.deepEqual(
    config.brackets.map(([open]) => open),
    ['(', '[', '{'],
  );
  const closers = new Set(config.autoClosingPairs.map((pair) => pair.open));
  for (const open of ['(', '[', '{', '"', "'"]) assert.ok(closers.has(open), `autoclose ${open}`);
  const word = new RegExp(`^(?:${config.wordPattern})$`);
  for (const sample of ['project-away', 'mv-expand', '14d', '_GetWatchlist', '$left', 'x1']) {
    assert.match(sample, word, `${sample} is one word`);
  }
  // Arithmetic between columns must not be selected as a single word.
  assert.doesNotMatch('endtime-starttime', word);
  for (const pattern of Object.values(config.indentationRules)) assert.ok(new RegExp(pattern));
});

test('package.json contributes the kql language, grammars and snippets', () => {
  const manifest = readJson(join(repoRoot, 'package.json')) as {
    contributes: {
      languages: { id: string; extensions: string[]; configuration: string }[];
      grammars: { scopeName: string; path: string; embeddedLanguages?: Record<string, string> }[];
      snippets: { language: string; path: string }[];
    };
  };
  const { languages, grammars, snippets } = manifest.contributes;
  const kql = languages.find((language) => language.id === 'kql');
  assert.ok(kql, 'kql language contributed');
  assert.deepEqual(kql.extensions, ['.kql', '.kusto', '.csl']);
  const paths = [kql.configuration, ...grammars.map((g) => g.path), ...snippets.map((s) => s.path)];
  for (const path of paths) assert.ok(existsSync(join(repoRoot, path)), `${path} exists`);
  const scopes = grammars.map((grammar) => grammar.scopeName);
  assert.ok(scopes.includes('source.kql') && scopes.includes('markdown.kql.codeblock'));
  const injection = grammars.find((grammar) => grammar.scopeName === 'markdown.kql.codeblock');
  assert.equal(injection?.embeddedLanguages?.['meta.embedded.block.kql'], 'kql');
  assert.ok(snippets.some((snippet) => snippet.language === 'kql'));
});
