// The workspace schema file and fenced KQL in markdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fencedKql, parseWorkspaceSchema, readWorkspaceSchema } from '../../core/kusto/index.js';

test('a YAML workspace file declares platform, tables and functions', () => {
  const schema = parseWorkspaceSchema(
    [
      'platform: defender',
      'tables:',
      '  MyFeed_CL: "(Indicator:string)"',
      'functions:',
      '  Owners: "(Host:string)"',
      '  Recent:',
      '    parameters: "(since:timespan=1d)"',
      '    body: "SigninLogs | where TimeGenerated > ago(since)"',
    ].join('\n'),
    'yaml',
  );
  assert.equal(schema.platform, 'defender');
  assert.deepEqual(schema.tables, { MyFeed_CL: '(Indicator:string)' });
  assert.deepEqual(schema.functions.Recent, {
    parameters: '(since:timespan=1d)',
    body: 'SigninLogs | where TimeGenerated > ago(since)',
  });
  assert.deepEqual(schema.problems, []);
});

test('malformed entries are problems, the rest still applies', () => {
  const schema = parseWorkspaceSchema(
    JSON.stringify({ platform: 'splunk', tables: { A: 'a:string', B: '(b:long)' } }),
    'json',
  );
  assert.deepEqual(schema.tables, { B: '(b:long)' });
  assert.equal(schema.problems.length, 2);
});

test('a misspelt key is a problem, not a silently empty section', () => {
  const schema = parseWorkspaceSchema(
    JSON.stringify({
      $schema: './kql-hunt.schema.json',
      tabels: { A: '(a:string)' },
      functions: { F: { paramters: '(x:string)', body: 'print x' } },
    }),
    'json',
  );
  assert.deepEqual(schema.problems, [
    'the file: unknown key "tabels" (expected platform, tables, functions)',
    'function F: unknown key "paramters" (expected parameters, body, columns, description)',
  ]);
});

test('names are declared bare; __proto__ is a name like any other', () => {
  // Written as text: an object literal's __proto__ key would set its prototype instead.
  const schema = parseWorkspaceSchema(
    `{
      "tables": { "['my table']": "(a:string)", " Padded_CL": "(a:string)", "__proto__": "(a:long)" },
      "functions": { "": "(a:string)", "__proto__": { "body": "print 1" } }
    }`,
    'json',
  );
  assert.deepEqual(schema.problems, [
    'table "[\'my table\']": declare it as "my table", without brackets and quotes',
    'table " Padded_CL": the name starts or ends with a space',
    'function "": the name is empty',
  ]);
  assert.deepEqual(Object.keys(schema.tables), ['__proto__']);
  assert.deepEqual(Object.keys(schema.functions), ['__proto__']);
});

test('a name in brackets without quotes is a problem too; a second file is reported', () => {
  const schema = parseWorkspaceSchema('{ "tables": { "[Bracket_CL]": "(x:string)" } }', 'json');
  assert.deepEqual(schema.problems, [
    'table "[Bracket_CL]": declare it as "Bracket_CL", without brackets and quotes',
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-ws-'));
  writeFileSync(join(dir, '.kql-hunt.json'), '{ "tables": { "J_CL": "(a:string)" } }');
  writeFileSync(join(dir, '.kql-hunt.yaml'), 'tables:\n  Y_CL: "(a:string)"\n');
  const both = readWorkspaceSchema(dir);
  assert.deepEqual(Object.keys(both.tables), ['J_CL']);
  assert.deepEqual(both.problems, [
    '.kql-hunt.yaml is ignored: .kql-hunt.json is read first; keep one workspace file',
  ]);
});

test('a file that does not parse is one problem line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-ws-'));
  writeFileSync(join(dir, '.kql-hunt.yaml'), 'tables:\n  A_CL: "(a:string)"\n  A_CL: "(b:long)"\n');
  const { problems } = readWorkspaceSchema(dir);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^cannot read \.kql-hunt\.yaml: Map keys must be unique[^\n]*$/);
});

test('the file is found at the workspace root; none is an empty schema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-ws-'));
  assert.deepEqual(readWorkspaceSchema(dir), { tables: {}, functions: {}, problems: [] });
  writeFileSync(join(dir, '.kql-hunt.json'), '{ "tables": { "T": "(a:string)" } }');
  const schema = readWorkspaceSchema(dir);
  assert.equal(schema.path, join(dir, '.kql-hunt.json'));
  assert.deepEqual(schema.tables, { T: '(a:string)' });
});

test('fenced KQL keeps its offsets and blanks the markdown around it', () => {
  const md =
    '# Title\n\n```kql\nSigninLogs\n| take 1\n```\n\ntext\n\n~~~kusto\nT\n~~~\n\n```csl\nU\n```\n';
  const view = fencedKql(md);
  assert.ok(view);
  assert.equal(view.text.length, md.length);
  assert.equal(view.text.indexOf('SigninLogs'), md.indexOf('SigninLogs'));
  assert.equal(view.text.includes('Title'), false);
  assert.equal(view.regions.length, 3);
  assert.equal(fencedKql('# no kql\n```js\nx\n```\n'), undefined);
});

test('fenced KQL inside a blockquote is KQL; the quote markers are blanked', () => {
  const md = [
    '> Hunt for it:',
    '>',
    '> ```kql',
    '> SigninLogs',
    '> | where UserPrincipalName has "a"',
    '> ```',
    '',
    '> > ~~~kusto',
    '> > DeviceInfo | take 1',
    '',
    'DeviceEvents (outside any fence)',
  ].join('\n');
  const view = fencedKql(md);
  assert.ok(view);
  assert.equal(view.text.length, md.length);
  assert.equal(
    view.text.split('\n').slice(3, 5).join('\n'),
    '  SigninLogs\n  | where UserPrincipalName has "a"',
  );
  assert.equal(view.text.indexOf('DeviceInfo'), md.indexOf('DeviceInfo'));
  // The unclosed quoted fence ends with its blockquote, not at the end of the file.
  assert.equal(view.text.includes('DeviceEvents'), false);
  assert.deepEqual(
    view.regions.map(([start, end]) => md.slice(start, end)),
    ['> SigninLogs\n> | where UserPrincipalName has "a"', '> > DeviceInfo | take 1'],
  );
});
