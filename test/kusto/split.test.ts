// Splitting a multi-query file into the queries its author meant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitQueries } from '../../core/kusto/index.js';

function texts(text: string): string[] {
  return splitQueries(text).map((b) => b.text);
}

test('blank lines separate queries', () => {
  assert.deepEqual(texts('SecurityEvent | take 1\n\nSigninLogs\n| take 2\n'), [
    'SecurityEvent | take 1',
    'SigninLogs\n| take 2',
  ]);
});

test('a blank line inside a let chain does not split', () => {
  const text = 'let a = 1;\n\nlet b = 2;\n\nSecurityEvent | where EventID == a + b';
  assert.deepEqual(texts(text), [text]);
});

test('a blank line before a | continuation does not split', () => {
  const text = 'SecurityEvent\n\n| where EventID == 4688\n\n  | take 1';
  assert.deepEqual(texts(text), [text]);
});

test('a blank line inside brackets or after a dangling operator does not split', () => {
  const inBrackets = 'union (\n  SecurityEvent\n\n  | take 1\n),\n\n(SigninLogs | take 1)';
  assert.deepEqual(texts(inBrackets), [inBrackets]);
  const dangling = 'SecurityEvent | where EventID == 1 or\n\nEventID == 2';
  assert.deepEqual(texts(dangling), [dangling]);
});

test('a comment between a table and its pipeline does not split', () => {
  const text = 'IdentityLogonEvents\n\n// licence note\n\n| where ActionType == "LogonSuccess"';
  assert.deepEqual(texts(text), [text]);
});

test('comments before a query belong to it', () => {
  const blocks = splitQueries('T | take 1\n\n// second hunt\nU | take 1');
  assert.equal(blocks.length, 2);
  assert.equal(blocks[1]?.text, '// second hunt\nU | take 1');
});

test('blank lines inside multi-line strings do not split', () => {
  const text = 'print x = ```\nline one\n\nline two\n```';
  assert.deepEqual(texts(text), [text]);
});

test('offsets point into the original text', () => {
  const text = '\n\nT | take 1\r\n\r\nU | take 1\n';
  for (const block of splitQueries(text)) {
    assert.equal(text.slice(block.start, block.end), block.text);
  }
  assert.equal(splitQueries(text).length, 2);
});
