import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CATALOGUE } from '../../core/hunt/catalogue.js';
import { huntReport } from '../../core/hunt/generate.js';
import { createKustoService } from '../../core/kusto/index.js';

const example = readFileSync('examples/remcos-threatfox-report.md', 'utf8');

test('the example report yields the three hunts it recommends, port-aware', () => {
  const { report, hunts } = huntReport(example, { generated: '2026-12-04' });
  assert.equal(report.family, 'Remcos');
  assert.deepEqual(
    report.iocs.map((i) => [i.type, i.value, i.port, i.confidence, i.source]),
    [
      ['ipv4', '172.245.4.229', 2404, 75, 'table'],
      ['domain', 'somethingtapangelcominginourlifeforbless.duckdns.org', undefined, 75, 'table'],
    ],
  );
  assert.deepEqual(
    hunts.map((h) => h.table),
    ['CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents'],
  );
  const network = hunts[1]!.query;
  assert.match(network, /"172\.245\.4\.229:2404"/);
  assert.match(network, /strcat\(RemoteIP, ":", tostring\(RemotePort\)\) in \(ioc_endpoints\)/);
  assert.match(hunts[2]!.query, /Name has_any \(ioc_domains\)/);
  assert.equal(report.scenarios.length, 5);
});

for (const platform of ['sentinel', 'defender'] as const) {
  test(`every example hunt is clean under the Kusto service (${platform})`, () => {
    const service = createKustoService({ platform });
    const tables = CATALOGUE.map((t) => t.name);
    const { hunts } = huntReport(example, { platform, tables });
    assert.ok(hunts.length > 0);
    for (const hunt of hunts) {
      assert.deepEqual(service.diagnoseQuery(hunt.query), [], `${hunt.table}\n${hunt.query}`);
    }
  });
}
