// What escapeForTerminal shows as an escape, and what it must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeForTerminal } from '../../cli/terminalText.js';

test('controls and bidi or invisible formatting characters become escapes', () => {
  const cases: [string, string][] = [
    ['\x1b[1A\x1b[2K', '\\x1b[1A\\x1b[2K'],
    ['a\nb\rc', 'a\\x0ab\\x0dc'],
    ['\x00\x07\x08\x7f\x80\x9b\x9f', '\\x00\\x07\\x08\\x7f\\x80\\x9b\\x9f'],
    ['x\u202ey', 'x\\u202ey'],
    ['\u200b\u200f\u202a\u2066\u2069\ufeff', '\\u200b\\u200f\\u202a\\u2066\\u2069\\ufeff'],
    ['\u061c\u2028\u2029', '\\u061c\\u2028\\u2029'],
  ];
  for (const [text, shown] of cases) assert.equal(escapeForTerminal(text), shown);
});

test('ordinary text, tabs and backslashes are kept as they are', () => {
  const text = 'C:\\Program Files\\Veeam\\ \t café 中文 … 🦊 \u00a0';
  assert.equal(escapeForTerminal(text), text);
});
