// Snapshot tests for the KQL grammar: every test/fixtures/grammar/<case>.kql (and .md for the
// Markdown injection) is tokenized and compared with <case>.<ext>.snap beside it. Run with
// UPDATE_SNAPSHOTS=1 to rewrite the snapshots after an intended grammar change, then review the
// diff; without it a missing or different snapshot fails the test.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadGrammar, repoRoot, tokenizeDocument, type TokenizedLine } from './tokenize.js';

const fixtureDir = join(repoRoot, 'test/fixtures/grammar');
const update = process.env['UPDATE_SNAPSHOTS'] === '1';

/** File extension → the root scope the fixture is tokenized with. */
const rootScopes: Record<string, string> = { '.kql': 'source.kql', '.md': 'text.html.markdown' };

/**
 * Renders tokens as text: each source line prefixed with `>`, then one line per token with its
 * text as a JSON string (so whitespace is visible) and its scopes minus the root scope, which
 * the header names once. Whitespace that only carries the root scope is left out as noise.
 */
function render(rootScope: string, lines: TokenizedLine[]): string {
  const out = [`# root scope: ${rootScope}`];
  for (const line of lines) {
    out.push(`>${line.text}`);
    for (const token of line.tokens) {
      const scopes = token.scopes.slice(1);
      if (scopes.length === 0 && token.text.trim() === '') continue;
      out.push(`  ${JSON.stringify(token.text).padEnd(24)} ${scopes.join(' ')}`.trimEnd());
    }
  }
  return `${out.join('\n')}\n`;
}

const fixtures = readdirSync(fixtureDir).filter((name) =>
  Object.keys(rootScopes).some((ext) => name.endsWith(ext)),
);

test('grammar fixtures exist', () => {
  assert.ok(fixtures.length >= 7, `expected one fixture per construct family, found ${fixtures}`);
});

for (const name of fixtures) {
  test(`grammar snapshot: ${name}`, async () => {
    const ext = name.slice(name.lastIndexOf('.'));
    const rootScope = rootScopes[ext];
    assert.ok(rootScope, `no root scope for ${ext}`);
    const source = readFileSync(join(fixtureDir, name), 'utf8').replace(/\n$/, '');
    const actual = render(rootScope, tokenizeDocument(await loadGrammar(rootScope), source));
    const snapPath = join(fixtureDir, `${name}.snap`);
    if (update) {
      writeFileSync(snapPath, actual);
      return;
    }
    assert.ok(existsSync(snapPath), `missing snapshot ${snapPath}; run with UPDATE_SNAPSHOTS=1`);
    assert.equal(actual, readFileSync(snapPath, 'utf8'), `${name} differs from its snapshot`);
  });
}
