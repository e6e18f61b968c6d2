// Unknown tables and saved functions give one warning each, not an error per column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKustoService } from '../../core/kusto/index.js';

const service = createKustoService({ platform: 'sentinel' });

test('columns of an unknown table are not errors', () => {
  const query = 'Custom_CL | where Foo_s == "x" | summarize count() by Bar_s';
  const diagnostics = service.diagnose(query);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]?.code, 'KS204');
  assert.equal(diagnostics[0]?.severity, 'warning');
  assert.match(diagnostics[0]?.message ?? '', /Unknown table 'Custom_CL'/);
});

test('a saved function called as a table is a warning', () => {
  const query = 'UnifySignInLogs(ago(1d), lookback = 2d) | project UserPrincipalName, Foo';
  const diagnostics = service.diagnose(query);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.start]),
    [['KS211', 'warning', 0]],
  );
});

test('a saved function used as a value is a warning', () => {
  const query = 'SigninLogs | where IsWorkingTime(TimeGenerated) | extend n = Score(1) + 1';
  const diagnostics = service.diagnose(query);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [
      ['KS211', 'warning'],
      ['KS211', 'warning'],
    ],
  );
});

test('a misspelled built-in function stays an error', () => {
  const [d] = service.diagnose('SigninLogs | extend x = tolowerr(UserPrincipalName)');
  assert.equal(d?.code, 'KS211');
  assert.equal(d?.severity, 'error');
});

test('mistakes outside the unknown table are still errors', () => {
  const query = 'Custom_CL | join (SigninLogs | project Nope) on UserPrincipalName';
  const errors = service.diagnose(query).filter((d) => d.severity === 'error');
  assert.equal(errors[0]?.start, query.indexOf('Nope'));
});

test('documented forms the service does not know are accepted', () => {
  assert.deepEqual(service.diagnose('SigninLogs | extend d = todynamic(DeviceDetail)'), []);
  const unpack =
    'SigninLogs | evaluate bag_unpack(DeviceDetail, OutputColumnPrefix = "d_", columnsConflict = "keep_source")';
  assert.deepEqual(service.diagnose(unpack), []);
});

test('a column named like a table, read from an unknown parser, is not an error', () => {
  const query = 'ZoomLogs\n| where Event =~ "meeting.participant_joined"\n| take 10';
  assert.deepEqual(
    service.diagnose(query).map((d) => [d.code, d.severity]),
    [['KS204', 'warning']],
  );
  // On a known table the same comparison stays an error: Event is no column of SigninLogs.
  const known = service.diagnose('SigninLogs\n| where Event =~ "x"');
  assert.ok(known.some((d) => d.severity === 'error'));
});
