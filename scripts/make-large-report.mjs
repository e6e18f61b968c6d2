// Writes a large IOC report for timing the CLI: `node scripts/make-large-report.mjs [rows] [file]`.
// Defaults: 10,000 rows into the system temp folder (never into the repo). The rows cycle
// through every IOC type and several defang styles, with the untidy layout real reports have (no blank
// line after the table, KQL and scenarios folded under it), so the timing covers the reader's
// slow paths and not only the happy one.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rows = Number(process.argv[2] ?? 10_000);
const file = process.argv[3] ?? join(tmpdir(), `kql-hunt-large-${rows}.md`);

/** A deterministic, unique hex string of `length` digits for row `i`. */
function hex(i, length, salt) {
  return createHash('sha256').update(`${salt}:${i}`).digest('hex').slice(0, length);
}

const octets = (i) => [45 + (i % 150), (i >> 8) % 256, i % 256, 1 + (i % 250)];
const kinds = [
  (i) => ['ip:port', `${octets(i).join('[.]')}:${1024 + (i % 60000)}`],
  (i) => ['ip', octets(i).join('(.)')],
  (i) => ['domain', `c2-${i}[.]example-bad[dot]top`],
  (i) => ['url', `hXXps[://]dl-${i}[.]evil-cdn[.]xyz/p/${i}.bin`],
  (i) => ['md5', hex(i, 32, 1)],
  (i) => ['sha1', hex(i, 40, 2)],
  (i) => ['sha256', hex(i, 64, 3)],
  (i) => ['email', `user${i}[at]phish-${i % 97}[.]icu`],
  (i) => ['ipv6', `2a0e[:]1c80[:]${(i % 65535).toString(16)}[:][:]${(i % 4093) + 1}`],
  (i) => ['cidr', `${octets(i).slice(0, 3).join('[.]')}[.]0/24`],
];
const confidence = ['75%', '0.5', 'High', '90', 'Low'];

const lines = [
  `# Large synthetic report (${rows} rows)`,
  '',
  'Malware Family: SyntheticLoader',
  '',
  '| Type | Value | Threat Type | First Seen | Confidence |',
  '|---|---|---|---|---|',
];
for (let i = 0; i < rows; i++) {
  const [type, value] = kinds[i % kinds.length](i);
  const day = String(1 + (i % 28)).padStart(2, '0');
  lines.push(
    `| ${type} | ${value} | botnet_cc | 2026-04-${day} | ${confidence[i % confidence.length]} |`,
  );
}
lines.push(
  '// Hunt for network connections to known malicious IPs',
  'DeviceNetworkEvents',
  '| where RemoteIP in (malicious_ips)',
  'Scenario: Scheduled maintenance',
  'Description: A scheduled task may match.',
  'Filter/Exclusion: Exclude processes initiated by schtasks.exe.',
  '',
);
writeFileSync(file, lines.join('\n'));
process.stdout.write(`${file}\n`);
