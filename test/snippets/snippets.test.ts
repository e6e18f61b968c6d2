// Checks snippets/kql.json: the shape VS Code expects, unique prefixes, sane tabstop numbering,
// and that accepting every default yields well-formed KQL (balanced, no open string) with no
// real host in it. Bodies that start with `|` are pipeline fragments meant to follow a table;
// the others are whole queries. Whether the KQL is semantically valid is checked separately
// against the Kusto language service.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadGrammar, repoRoot, tokenizeDocument } from '../grammar/tokenize.js';
import { bodyText, parseBody } from './snippetBody.js';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const snippets = JSON.parse(readFileSync(join(repoRoot, 'snippets/kql.json'), 'utf8')) as Record<
  string,
  Snippet
>;
const entries = Object.entries(snippets);

test('snippets file has entries with prefix, body and description', () => {
  assert.ok(entries.length >= 11, `expected the hunt snippets, found ${entries.length}`);
  for (const [name, snippet] of entries) {
    const prefixes = [snippet.prefix].flat();
    assert.ok(prefixes.length > 0 && prefixes.every((p) => /^[a-z][a-z0-9-]*$/.test(p)), name);
    assert.ok(bodyText(snippet.body).trim().length > 0, `${name}: empty body`);
    assert.ok(typeof snippet.description === 'string' && snippet.description.length > 20, name);
  }
});

test('snippet prefixes are unique', () => {
  const seen = new Map<string, string>();
  for (const [name, snippet] of entries) {
    for (const prefix of [snippet.prefix].flat()) {
      assert.ok(!seen.has(prefix), `${prefix} used by ${seen.get(prefix)} and ${name}`);
      seen.set(prefix, name);
    }
  }
});

test('snippet tabstops are numbered 1..n, with consistent defaults and at most one $0', () => {
  for (const [name, snippet] of entries) {
    const { tabstops } = parseBody(bodyText(snippet.body));
    const numbered = [...new Set(tabstops.map((stop) => stop.index).filter((i) => i > 0))];
    // Appearance order may differ from tab order on purpose (the time window snippet puts Tab 1
    // on the lookback, the value people change most), but the numbers must not skip.
    const expected = numbered.map((_, i) => i + 1);
    assert.deepEqual(
      [...numbered].sort((a, b) => a - b),
      expected,
      `${name}: tabstops must run 1..n without gaps`,
    );
    assert.ok(tabstops.filter((stop) => stop.index === 0).length <= 1, `${name}: several $0`);
    for (const index of numbered) {
      const values = new Set(
        tabstops.filter((s) => s.index === index && s.value !== undefined).map((s) => s.value),
      );
      assert.ok(values.size <= 1, `${name}: tabstop ${index} has different defaults`);
    }
  }
});

test('snippet bodies expand to balanced KQL with no real hosts', async () => {
  const grammar = await loadGrammar('source.kql');
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const [name, snippet] of entries) {
    const { expanded } = parseBody(bodyText(snippet.body));
    assert.doesNotMatch(expanded, /\$\{|\$\d/, `${name}: unexpanded placeholder`);
    const lines = tokenizeDocument(grammar, expanded);
    assert.ok(
      lines.every((line) => line.endsAtRoot),
      `${name}: a string is left open`,
    );
    const stack: string[] = [];
    for (const token of lines.flatMap((line) => line.tokens)) {
      if (token.scopes.some((scope) => /^(string|comment)\./.test(scope))) continue;
      for (const ch of token.text) {
        if ('([{'.includes(ch)) stack.push(ch);
        const open = pairs[ch];
        if (open) assert.equal(stack.pop(), open, `${name}: unbalanced ${ch}`);
      }
    }
    assert.deepEqual(stack, [], `${name}: unclosed brackets`);
    const first = expanded.trimStart();
    assert.match(first, /^(\||let\b|[A-Z_][A-Za-z_]*\b)/, `${name}: starts oddly`);
    // Example IOCs must be reserved: .example/.invalid names, documentation IP ranges.
    for (const host of expanded.match(/https?:\/\/[^/"']+/g) ?? []) {
      assert.match(host, /\.(invalid|example)$/, `${name}: real host ${host}`);
    }
    for (const domain of expanded.match(/"[a-z0-9.-]+\.[a-z]{2,}"/g) ?? []) {
      assert.match(domain, /\.(invalid|example)"$/, `${name}: real domain ${domain}`);
    }
    for (const ip of expanded.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? []) {
      assert.match(ip, /^(192\.0\.2|198\.51\.100|203\.0\.113)\./, `${name}: real IP ${ip}`);
    }
  }
});

test('snippet placeholders expand as the editor would', () => {
  const parsed = parseBody('let ${1:x} = ${2|a,b|}; $1 \\$left ${TM_SELECTED_TEXT:T} $0');
  assert.equal(parsed.expanded, 'let x = a; x $left T ');
  assert.deepEqual(
    parsed.tabstops.map((stop) => stop.index),
    [1, 2, 1, 0],
  );
});
