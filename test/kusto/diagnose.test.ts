// Diagnostics from the Kusto adapter on known-good and known-bad queries, in both dialects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKustoService, type KqlDiagnostic } from '../../core/kusto/index.js';

const sentinel = createKustoService({ platform: 'sentinel' });
const defender = createKustoService({ platform: 'defender' });

function errors(diagnostics: KqlDiagnostic[]): KqlDiagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

test('a correct Sentinel hunt has no diagnostics', () => {
  const query = [
    'let iocs = dynamic(["172.245.4.229", "45.9.74.13"]);',
    'CommonSecurityLog',
    '| where TimeGenerated > ago(7d)',
    '| where DestinationIP in (iocs) or SourceIP in (iocs)',
    '| summarize count() by DeviceVendor, bin(TimeGenerated, 1h)',
  ].join('\n');
  assert.deepEqual(sentinel.diagnose(query), []);
});

test('an unknown column is an error at its exact offset', () => {
  const query = 'SecurityEvent\n| where EventIdd == 4688';
  const [d, ...rest] = sentinel.diagnose(query);
  assert.equal(rest.length, 0);
  assert.ok(d);
  assert.equal(d.severity, 'error');
  assert.equal(d.code, 'KS142');
  assert.equal(d.start, query.indexOf('EventIdd'));
  assert.equal(d.length, 'EventIdd'.length);
});

test('a syntax error is reported', () => {
  const diagnostics = errors(sentinel.diagnose('SecurityEvent | where EventID == '));
  assert.ok(diagnostics.length > 0);
});

test('Defender tables carry Timestamp and TimeGenerated in a Sentinel workspace', () => {
  const query =
    'DeviceNetworkEvents | where Timestamp > ago(1d) | where TimeGenerated > ago(1d) | project RemoteIP';
  assert.deepEqual(sentinel.diagnose(query), []);
});

test('the Defender dialect has Timestamp but not the workspace columns', () => {
  assert.deepEqual(defender.diagnose('DeviceProcessEvents | where Timestamp > ago(1d)'), []);
  const [d] = errors(defender.diagnose('DeviceProcessEvents | where TimeGenerated > ago(1d)'));
  assert.equal(d?.code, 'KS142');
  assert.equal(d?.start, 'DeviceProcessEvents | where '.length);
});

test('Sentinel-only tables stay available in the Defender dialect', () => {
  assert.deepEqual(defender.diagnose('SigninLogs | where ResultType == "0" | take 1'), []);
});

test('an unknown table is a warning, not an error', () => {
  const [d, ...rest] = sentinel.diagnose('MyFeed_CL | where x == 1');
  assert.equal(rest.length, 0);
  assert.equal(d?.severity, 'warning');
  assert.equal(d?.code, 'KS204');
  assert.equal(d?.start, 0);
  assert.equal(d?.length, 'MyFeed_CL'.length);
});

test('custom tables and functions bind', () => {
  const service = createKustoService({
    platform: 'sentinel',
    customTables: { MyFeed_CL: '(Indicator:string, Seen:datetime)' },
    customFunctions: {
      RecentSignins: {
        parameters: '(since:timespan=1d)',
        body: 'SigninLogs | where TimeGenerated > ago(since)',
      },
      HostList: '(Host:string, Owner:string)',
    },
  });
  assert.deepEqual(service.declarationProblems, []);
  assert.deepEqual(service.diagnose('MyFeed_CL | where Seen > ago(1d) | project Indicator'), []);
  assert.deepEqual(service.diagnose('RecentSignins(2d) | project UserPrincipalName'), []);
  assert.deepEqual(service.diagnose('HostList | project Host, Owner'), []);
  assert.equal(errors(service.diagnose('MyFeed_CL | project Nope')).length, 1);
});

test('a misspelt column type in a custom table is a declaration problem', () => {
  const service = createKustoService({
    platform: 'sentinel',
    customTables: { Typo_CL: '(Indicator:strng, Seen:datetime)' },
  });
  assert.deepEqual(service.declarationProblems, [
    { name: 'Typo_CL', kind: 'table', message: 'unknown column type for Indicator' },
  ]);
});

test('declarations are compiled: a column twice, a bad parameter type, a broken body', () => {
  const service = createKustoService({
    platform: 'sentinel',
    customTables: { Twice_CL: '(a:string, a:long)', Open_CL: '(a:string, *)' },
    customFunctions: {
      BadType: { parameters: '(since:timespn)', body: 'print since' },
      BadBody: { body: 'SigninLogs | where' },
      Columns: '(Host:string, Host:string)',
      // A table nobody declared is the same warning in a body as in a query, not a problem.
      UsesUnknownTable: { body: 'Somebody_CL | take 1' },
      Fine: { parameters: '(x:string)', body: 'SigninLogs | where UserPrincipalName == x' },
    },
  });
  assert.deepEqual(
    service.declarationProblems.map((p) => p.name),
    ['Twice_CL', 'BadType', 'BadBody', 'Columns'],
  );
  assert.match(service.declarationProblems[1]!.message, /^function does not compile: .*timespn/);
});

test('a declaration may end in a comment; one that holds more than a declaration is refused', () => {
  const service = createKustoService({
    platform: 'sentinel',
    customTables: {
      Noted_CL: '(a:string) // from the proxy',
      Piped_CL: '(a:string)[] | extend b = 1 //)',
    },
    customFunctions: {
      Noted: { parameters: '(since:timespan=1d) // how far back', body: 'SigninLogs // all' },
      // Each would have the check compile something other than the function that is bound.
      Smuggled: { parameters: '() { print 1 }; //', body: '{ SigninLogs | where Nope == 1 }' },
      Trailing: { body: '{ SigninLogs }; let other = () { print 2 }' },
      X: { body: 'garbage(((' },
    },
  });
  const problems = service.declarationProblems.map((p) => `${p.kind ?? 'name'} ${p.name}`);
  assert.deepEqual(problems, [
    'table Piped_CL',
    'function Smuggled',
    'function Trailing',
    'function X',
  ]);
  assert.deepEqual(service.diagnose('Noted(2d) | project UserPrincipalName'), []);
  assert.deepEqual(service.diagnose('Noted_CL | project a'), []);
});

test('a name declared as a table and as a function is a problem; both are compiled', () => {
  const service = createKustoService({
    platform: 'sentinel',
    customTables: { X: '(a:strng)' },
    customFunctions: { X: { body: 'garbage(((' } },
  });
  assert.deepEqual(
    service.declarationProblems.map((p) => [p.kind, p.message.split(':')[0]]),
    [
      ['table', 'unknown column type for a'],
      [undefined, 'declared both as a table and as a function; rename one'],
      ['function', 'function does not compile'],
    ],
  );
});

test('table and column listings come from the compiled schema', () => {
  assert.ok(sentinel.tableNames().includes('SecurityEvent'));
  const columns = sentinel.columnsOf('DeviceNetworkEvents')?.map((c) => c.name) ?? [];
  assert.ok(columns.includes('Timestamp') && columns.includes('TimeGenerated'));
  assert.equal(sentinel.columnsOf('NoSuchTable'), undefined);
  const defenderColumns = defender.columnsOf('DeviceNetworkEvents')?.map((c) => c.name) ?? [];
  assert.ok(defenderColumns.includes('Timestamp') && !defenderColumns.includes('TimeGenerated'));
});

test('count(Column) is a warning that covers the call, not a type error', () => {
  const query =
    'SecurityEvent | summarize a = count(TimeGenerated), b = count( strlen(Account) ), ' +
    'c = count(EventID == 4624), d = count() by Computer';
  const found = sentinel.diagnose(query);
  assert.deepEqual(errors(found), []);
  assert.deepEqual(
    found.map((d) => [d.code, d.severity, query.slice(d.start, d.start + d.length)]),
    [
      ['KQLH002', 'warning', 'count(TimeGenerated)'],
      ['KQLH002', 'warning', 'count( strlen(Account) )'],
    ],
  );
  assert.match(found[0]?.message ?? '', /rows where TimeGenerated is not null/);
});

test('other bool-argument errors stay errors', () => {
  const found = sentinel.diagnose('SecurityEvent | summarize countif(Account) by Computer');
  assert.deepEqual(
    found.map((d) => [d.code, d.severity]),
    [['KS107', 'error']],
  );
});

test('only defanged indicators in strings are flagged, and only they are refanged', () => {
  const flagged = (query: string) =>
    sentinel
      .diagnose(query)
      .filter((d) => d.code === 'KQLH001')
      .map((d) => (d as KqlDiagnostic & { refanged: string }).refanged);
  // Patterns and prose that use defang markers without an indicator.
  assert.deepEqual(flagged('print u = replace_string("a[.]b", "[.]", ".")'), []);
  assert.deepEqual(flagged('print m = "Sent (at) noon", a = "Array[@]"'), []);
  assert.deepEqual(flagged('print m = "C2 (at) 172[.]245[.]4[.]229:2404"'), [
    'C2 (at) 172.245.4.229:2404',
  ]);
  assert.deepEqual(flagged('print u = "hxxps://evil[.]duckdns[.]org/gate"'), [
    'https://evil.duckdns.org/gate',
  ]);
});

test('invisible characters in a string are flagged with the string they hide in', () => {
  const query = 'print d = "evil\u200b.com", e = "abc\u202Egnp.exe", f = "plain"';
  const found = sentinel.diagnose(query).filter((d) => d.code === 'KQLH003');
  assert.deepEqual(
    found.map((d) => [(d as KqlDiagnostic & { cleaned: string }).cleaned, d.severity]),
    [
      ['evil.com', 'warning'],
      ['abcgnp.exe', 'warning'],
    ],
  );
  assert.match(found[0]?.message ?? '', /U\+200B/);
  // The message names the characters; it does not carry them.
  assert.doesNotMatch(found[1]?.message ?? '', /\u202E/);
});

test('changing the declarations given to a service afterwards does not change its schema', () => {
  const customTables: Record<string, string> = { Feed_CL: '(Indicator:string)' };
  const service = createKustoService({ platform: 'sentinel', customTables });
  customTables.Feed_CL = '(Other:string)';
  customTables.Later_CL = '(a:string)';
  assert.deepEqual(service.diagnose('Feed_CL | project Indicator'), []);
  assert.equal(service.columnsOf('Later_CL'), undefined);
  const fn = { parameters: '(n:long)', body: 'print n' };
  const withFunction = createKustoService({ platform: 'sentinel', customFunctions: { G: fn } });
  fn.body = 'print n +';
  assert.deepEqual(withFunction.declarationProblems, []);
});
