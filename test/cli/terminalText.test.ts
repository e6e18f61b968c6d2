// What escapeForTerminal shows as an escape, and what it must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeForTerminal, jsonText } from '../../cli/terminalText.js';

test('controls and bidi or invisible formatting characters become escapes', () => {
  const cases: [string, string][] = [
    ['\x1b[1A\x1b[2K', '\\x1b[1A\\x1b[2K'],
    ['a\nb\rc', 'a\\x0ab\\x0dc'],
    ['\x00\x07\x08\x7f\x80\x9b\x9f', '\\x00\\x07\\x08\\x7f\\x80\\x9b\\x9f'],
    ['x\u202ey', 'x\\u202ey'],
    ['\u200b\u200f\u202a\u2066\u2069\ufeff', '\\u200b\\u200f\\u202a\\u2066\\u2069\\ufeff'],
    ['\u061c\u2028\u2029', '\\u061c\\u2028\\u2029'],
    ['\u180e\u2060\u2064', '\\u180e\\u2060\\u2064'],
  ];
  for (const [text, shown] of cases) assert.equal(escapeForTerminal(text), shown);
});

test('ordinary text, tabs and backslashes are kept as they are', () => {
  const text = 'C:\\Program Files\\Veeam\\ \t café 中文 … 🦊 \u00a0';
  assert.equal(escapeForTerminal(text), text);
});

test('JSON output escapes the same characters and parses back to the same values', () => {
  const value = { message: 'x\u202ey \x9b2J \u200b\u2028 \x1b[1A\n café', list: ['\ufeffa'] };
  const text = jsonText(value);
  assert.deepEqual(JSON.parse(text), value);
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e\u200b\u2028\ufeff]/);
  assert.match(text, /x\\u202ey \\u009b2J \\u200b\\u2028 \\u001b\[1A\\n café/);
});
