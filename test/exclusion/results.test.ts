import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyEdits,
  exclusionEdits,
  resultCondition,
  resultValueAt,
} from '../../core/exclusion/index.js';
import { createKustoService } from '../../core/kusto/index.js';

const query = [
  'let ioc = dynamic(["172.245.4.229", "evil.duckdns.org"]);',
  'DeviceNetworkEvents',
  '// 2026-04-21 WS-FIN-07 10.20.30.40 rundll32.exe Hunt result row',
  '| where RemoteIP in (ioc) or DeviceName == "ws-hr-12"',
  '| project DeviceName, RemoteIP, InitiatingProcessFileName',
].join('\n');
const at = (needle: string, into = 2) => resultValueAt(query, query.indexOf(needle) + into);

test('values in a pasted result row are recognised by kind', () => {
  assert.deepEqual(at('WS-FIN-07'), {
    role: 'device',
    value: 'WS-FIN-07',
    start: query.indexOf('WS-FIN-07'),
    end: query.indexOf('WS-FIN-07') + 9,
  });
  assert.equal(at('10.20.30.40')?.role, 'address');
  assert.equal(at('rundll32.exe')?.value, 'rundll32.exe');
  assert.equal(at('rundll32.exe')?.role, 'process');
  assert.equal(at('"ws-hr-12"')?.value, 'ws-hr-12');
  const host = 'DeviceNetworkEvents\n| where DeviceName == "ws01.contoso.com"';
  assert.equal(resultValueAt(host, host.indexOf('ws01') + 1)?.role, 'device', 'not a .com program');
});

test('prose words, the hunt’s own indicators and code are not offered', () => {
  assert.equal(at('Hunt result'), undefined);
  assert.equal(at('172.245.4.229'), undefined);
  assert.equal(at('RemoteIP in'), undefined);
});

test('excluding a picked device yields clean KQL and merges with later picks', () => {
  const service = createKustoService({ platform: 'defender' });
  const device = at('WS-FIN-07')!;
  let after = applyEdits(
    query,
    exclusionEdits(query, {
      label: 'picked from results',
      conditions: resultCondition('DeviceNetworkEvents', device.role, device.value),
    })!,
  );
  after = applyEdits(
    after,
    exclusionEdits(after, {
      label: 'picked from results',
      conditions: resultCondition('DeviceNetworkEvents', 'address', '10.20.30.40'),
    })!,
  );
  assert.match(
    after,
    /\n\| where DeviceName !in~ \("WS-FIN-07"\) and RemoteIP !in~ \("10\.20\.30\.40"\) \/\/ FP: picked from results\n\| project/,
  );
  assert.deepEqual(service.diagnoseQuery(after), []);
  assert.deepEqual(resultCondition('DnsEvents', 'device', 'x'), []);
});
