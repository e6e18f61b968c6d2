// Declaring unknown names as query parameters: the type is the one their uses need, and names
// that look like misspelt columns are not offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKustoService } from '../../core/kusto/index.js';
import { declarationEdit, parameterDeclaration } from '../../core/kusto/queryParameters.js';

const service = createKustoService({ platform: 'sentinel' });
const check = (query: string) => service.diagnoseQuery(query);

test('each name gets the type its uses need', () => {
  const query = [
    'AuditLogs',
    '| where TimeGenerated > ago(query_period)',
    '| extend UserId = tostring(TargetResources[0].id)',
    '| where array_length(query_userids) == 0 or UserId in (query_userids)',
    '| where check_signinlogs',
    '| where InitiatedBy has user',
  ].join('\n');
  const typeOf = (name: string) => parameterDeclaration(query, name, check)?.type;
  assert.equal(typeOf('query_period'), 'timespan');
  assert.equal(typeOf('query_userids'), 'dynamic');
  assert.equal(typeOf('check_signinlogs'), 'bool');
  assert.equal(typeOf('user'), 'string');
});

test('a PascalCase name is a misspelt column more often than a parameter: not offered', () => {
  assert.equal(parameterDeclaration('SigninLogs | where Usr == 1', 'Usr', check), undefined);
});

test('a name whose declaration removes no error is not offered', () => {
  // `x` is used as a table here: no scalar parameter can make the query bind.
  assert.equal(parameterDeclaration('x | take 1', 'x', check), undefined);
});

test('a parameter joins the end of an existing declaration; a new one goes below the notes', () => {
  const query = '// saved function\ndeclare query_parameters(a:string="x)");\nprint a, b';
  const close = query.indexOf(');');
  assert.deepEqual(declarationEdit(query, 'b', 'long'), {
    start: close,
    end: close,
    text: ', b:long',
  });
  const empty = 'declare query_parameters();\nprint b';
  assert.equal(declarationEdit(empty, 'b', 'long').text, 'b:long');
  // A declaration inside a comment is not one; the comment lines stay on top.
  const quoted = '// Title\n// declare query_parameters(a:string)\n\nprint b';
  const below = quoted.indexOf('print');
  assert.deepEqual(declarationEdit(quoted, 'b', 'long'), {
    start: below,
    end: below,
    text: 'declare query_parameters(b:long);\n',
  });
});

test('names used together get their own types: the other unknown name is not counted', () => {
  const query = 'SigninLogs\n| where TimeGenerated between (starttime .. endtime)';
  assert.equal(parameterDeclaration(query, 'starttime', check)?.type, 'datetime');
  assert.equal(parameterDeclaration(query, 'endtime', check)?.type, 'datetime');
});

test('a name that reads as a misspelt column or let name is not offered', () => {
  const cases: [string, string][] = [
    ['let threshold = 5;\nprint x = threshol + 1', 'threshol'],
    ['let lookback = 7d;\nSigninLogs | where TimeGenerated > ago(lookbak)', 'lookbak'],
    ['SigninLogs | where resulttype == "0"', 'resulttype'],
    ['SigninLogs | where _ResourceID == "x"', '_ResourceID'],
  ];
  for (const [text, name] of cases) {
    assert.equal(service.parameterDeclaration(text, text.indexOf(name), name), undefined, name);
  }
  const body = 'SigninLogs | where TimeGenerated > ago(query_period)';
  const offered = service.parameterDeclaration(body, body.indexOf('query_period'), 'query_period');
  assert.equal(offered?.type, 'timespan');
});

test('a new declaration keeps the line indentation and line endings of the query', () => {
  const indented = '  // note\r\n  SigninLogs\r\n  | where TimeGenerated > ago(p)';
  assert.deepEqual(declarationEdit(indented, 'p', 'timespan'), {
    start: indented.indexOf('  SigninLogs'),
    end: indented.indexOf('  SigninLogs'),
    text: '  declare query_parameters(p:timespan);\r\n',
  });
});
