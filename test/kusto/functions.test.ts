// The Sentinel and Defender functions real hunts call bind instead of raising errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKustoService } from '../../core/kusto/index.js';

const sentinel = createKustoService({ platform: 'sentinel' });

const bound: [string, string][] = [
  ['watchlist', '_GetWatchlist("HighValueAssets") | project SearchKey, Hostname, WatchlistItem'],
  [
    'watchlist join',
    'SigninLogs | join kind=inner (_GetWatchlist("VIP") | project UPN = SearchKey) on $left.UserPrincipalName == $right.UPN',
  ],
  [
    'ASIM network session',
    '_Im_NetworkSession(starttime=ago(1d), srcipaddr_has_any_prefix=dynamic(["10."])) | where DstIpAddr == "1.2.3.4" | project SrcIpAddr, DstPortNumber',
  ],
  [
    'ASIM dns',
    '_Im_Dns(domain_has_any=dynamic(["evil.example"])) | summarize count() by DnsQuery, SrcIpAddr',
  ],
  ['ASIM web session', '_Im_WebSession | where Url has "evil" | project Url, HttpUserAgent'],
  [
    'ASIM process',
    '_Im_ProcessEvent | where CommandLine has "powershell" | project TargetProcessName',
  ],
  ['ASIM file', '_Im_FileEvent | where TargetFileName endswith ".dll"'],
  [
    'ASIM authentication',
    '_Im_Authentication | where EventResult == "Failure" | summarize count() by TargetUsername',
  ],
  ['ASIM alias', 'imNetworkSession | where DstIpAddr == "1.2.3.4"'],
  [
    'ASIM process alias',
    'imProcessCreate | where Process has_any ("cmd.exe") | project-reorder TimeGenerated, Dvc',
  ],
  ['ASIM ASim name', '_ASim_Dns | take 1'],
  ['ASIM web alias', 'imWebSession(starttime=ago(1h)) | take 1'],
  ['ASIM dns alias', 'imDns | where DnsQuery endswith ".ru"'],
  ['ASIM file alias', 'imFileEvent | take 1'],
  ['ASIM auth alias', 'imAuthentication | take 1'],
  [
    'FileProfile',
    'DeviceProcessEvents | invoke FileProfile(SHA1, 1000) | where GlobalPrevalence < 50 | project SHA1, Signer',
  ],
  [
    'FileProfile no arguments',
    'DeviceFileEvents | invoke FileProfile() | project FileName, IsCertificateValid',
  ],
  ['DeviceFromIP', 'DeviceFromIP("10.1.1.1", datetime(2024-01-01)) | project DeviceId'],
  ['AssignedIPAddresses', 'AssignedIPAddresses("host-1", ago(1d)) | project IPAddress'],
  ['workspace()', 'workspace("contoso-logs").SecurityEvent | where EventID == 4624'],
  [
    'union with workspace()',
    'union SecurityEvent, workspace("b").SecurityEvent | where EventID == 4624',
  ],
  ['app()', 'app("web-frontend").AppRequests | take 1'],
];

for (const [name, query] of bound) {
  test(`${name} binds`, () => {
    assert.deepEqual(sentinel.diagnose(query), []);
  });
}

test('a mistake after a bound function is still reported', () => {
  const query = 'workspace("x").SecurityEvent | where EventIDD == 1';
  const [d] = sentinel.diagnose(query);
  assert.equal(d?.code, 'KS142');
  assert.equal(d?.start, query.indexOf('EventIDD'));
});
