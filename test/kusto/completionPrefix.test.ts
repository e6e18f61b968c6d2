// Completion analyses a query only up to the first top-level pipe after the caret. The lists
// must be the ones the whole query gives: checked against the service on the whole text, over
// caret positions in real hunting queries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKusto, toArray } from '../../core/kusto/bridge.js';
import { completionPrefix } from '../../core/kusto/completionPrefix.js';
import { createKustoService } from '../../core/kusto/index.js';
import { globalsFor } from '../../core/kusto/globals.js';
import { splitQueries } from '../../core/kusto/split.js';

const corpus = '../shared/corpus/kql';
const { globals } = globalsFor({ platform: 'sentinel' });

/** Everything a completion list shows and inserts, as one comparable string. */
function listAt(text: string, offset: number): string {
  const K = loadKusto();
  const info = new K.Editor.KustoCodeService.$ctor1(text, globals).GetCompletionItems(offset, null);
  if (!info) return 'none';
  const items = toArray(info.Items).map((item) => {
    const inserted = toArray(item.ApplyTexts)
      .map((part) => (part.Caret ? '‸' : '') + part.Text)
      .join('');
    return `${item.Kind} ${item.DisplayText} ${JSON.stringify(inserted)}`;
  });
  return [`${info.EditStart}+${info.EditLength}`, ...items].join('\n');
}

/** The whole query's edit range and labels, in order, as the service gives them. */
function rawLabels(text: string, offset: number): string {
  const K = loadKusto();
  const info = new K.Editor.KustoCodeService.$ctor1(text, globals).GetCompletionItems(offset, null);
  const labels = toArray(info?.Items).map((item) => item.DisplayText);
  return [`${info?.EditStart}+${info?.EditLength}`, ...labels].join('\n');
}

/** Carets where people complete: after an operator keyword, at line ends, and a few anywhere. */
function carets(query: string, seed: number): number[] {
  const found = [...query.matchAll(/\| *(where|extend|project|summarize) /g)].map(
    (m) => m.index + m[0].length,
  );
  found.push(...[...query.matchAll(/\n/g)].map((m) => m.index));
  let state = seed;
  for (let k = 0; k < 3; k++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    found.push(state % (query.length + 1));
  }
  const every = Math.max(1, Math.floor(found.length / 4));
  return found.filter((_, k) => k % every === 0).slice(0, 4);
}

test('completion on the cut query equals completion on the whole query (corpus sample)', () => {
  const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.kql'))
    .sort()
    .filter((_, i) => i % 60 === 0);
  let cut = 0;
  for (const [index, file] of files.entries()) {
    for (const { text } of splitQueries(readFileSync(join(corpus, file), 'utf8'))) {
      for (const caret of carets(text, index)) {
        const prefix = completionPrefix(text, caret);
        if (prefix.length === text.length) continue;
        cut++;
        assert.equal(listAt(prefix, caret), listAt(text, caret), `${file} at ${caret}`);
      }
    }
  }
  assert.ok(cut >= 60, `only ${cut} carets were cut`);
});

test('the pipe after the caret is kept: a table name at the end is not offered a new pipe', () => {
  const query = 'SecurityEvent\n| where EventID == 4688\n| take 10';
  const caret = 'SecurityEvent'.length;
  assert.equal(completionPrefix(query, caret), 'SecurityEvent\n|');
  assert.equal(listAt(completionPrefix(query, caret), caret), listAt(query, caret));
  // What keeping the pipe prevents: without it the service appends "\n| " to the table.
  assert.notEqual(listAt('SecurityEvent\n', caret), listAt(query, caret));
});

test('strings and comments end where the service ends lines', () => {
  // [query, caret, expected prefix]: a lone carriage return ends a string; a backslash does not
  // carry a string onto the next line; a client directive line is one token.
  const cases: [string, number, string][] = [
    [
      'let p = "C:\r;SecurityEvent // note " | old\n| take 1',
      26,
      'let p = "C:\r;SecurityEvent // note " | old\n|',
    ],
    [
      'T | where a == "x\\\n| where b == "ab|cd" | project c',
      35,
      'T | where a == "x\\\n| where b == "ab|cd" |',
    ],
    ['#connect | x\nSecurityEvent | take 1', 2, '#connect | x\nSecurityEvent |'],
  ];
  for (const [query, caret, expected] of cases) {
    assert.equal(completionPrefix(query, caret), expected, query);
    assert.equal(listAt(expected, caret), listAt(query, caret), query);
  }
});

test('the adapter completes as the service does on the whole query (labels, order, range)', () => {
  const service = createKustoService({ platform: 'sentinel' });
  const query = [
    'let recent = 7d;',
    'DeviceNetworkEvents',
    '| where Timestamp > ago(recent)',
    '| where RemoteIP == "10.0.0.1"',
    '| join kind=inner (DeviceInfo | project DeviceId, OSPlatform) on DeviceId',
    '| summarize count() by DeviceName',
  ].join('\n');
  for (const before of ['| where ', 'RemoteIP', '(DeviceInfo | ', 'by ']) {
    const caret = query.indexOf(before) + before.length;
    const ours = service.complete(query, caret);
    const shown = [`${ours.editStart}+${ours.editLength}`, ...ours.items.map((i) => i.label)];
    assert.equal(shown.join('\n'), rawLabels(query, caret), before);
  }
});

test('pipes in strings, comments, brackets and multi-line strings do not cut', () => {
  const cases: [string, string, string][] = [
    // [query, text before the caret, expected prefix]
    ['T | where A == "x|y" | take 1', 'where A', 'T | where A == "x|y" |'],
    ["T | where A == 'x|y' | take 1", 'where A', "T | where A == 'x|y' |"],
    ['T | where A == @"c:\\|""|" | take 1', 'where A', 'T | where A == @"c:\\|""|" |'],
    ['T | where A // a | b\n| take 1', 'where A', 'T | where A // a | b\n|'],
    ['T | where A == ```x\n|y``` | take 1', 'where A', 'T | where A == ```x\n|y``` |'],
    ['T | join (U | where B) on K | take 1', 'where B', 'T | join (U | where B) on K |'],
    ['let x = T | where A;\nx | take 1', 'where A', 'let x = T | where A;\nx |'],
    ['T | where A', 'where A', 'T | where A'],
  ];
  for (const [query, before, expected] of cases) {
    const caret = query.indexOf(before) + before.length;
    assert.equal(completionPrefix(query, caret), expected, query);
  }
});
