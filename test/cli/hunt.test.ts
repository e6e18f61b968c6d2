// The built command (`npm run build` makes dist/cli.js) run as users run it: a child process,
// with its stdout, stderr and exit code checked. Runs that need no Kusto validation pass
// --no-validate so that the suite does not pay the service's start-up cost every time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../cli/errors.js';

const BIN = 'bin/kql-hunt.js';
const EXAMPLE = 'examples/remcos-threatfox-report.md';
const FIXTURES = 'test/fixtures/reports';
const DUCKDNS = 'somethingtapangelcominginourlifeforbless.duckdns.org';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kql-hunt ...args` to completion; never rejects, whatever the exit code. */
function run(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kql-hunt-cli-'));
}

test('the CLI bundle has been built', () => {
  assert.ok(existsSync('dist/cli.js'), 'run `npm run build` before the CLI tests');
});

describe('kql-hunt hunt', { concurrency: true }, () => {
  test('main job on the example: three validated, port-aware hunts', async () => {
    const { code, stdout, stderr } = await run(['hunt', EXAMPLE, '--date', '2026-01-01']);
    assert.equal(code, EXIT.ok, stderr);
    const hunts = stdout.trimEnd().split('\n\n');
    assert.deepEqual(
      hunts.map((h) => /^\/\/ Hunt: (\w+)/.exec(h)?.[1]),
      ['CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents'],
    );
    for (const hunt of hunts) {
      assert.match(hunt, /\| where TimeGenerated > ago\(lookback\)/);
      assert.match(hunt, /generated 2026-01-01 by kql-hunt/);
      assert.ok(hunt.includes('172.245.4.229'), hunt);
      assert.ok(hunt.includes(DUCKDNS), hunt);
    }
    assert.match(hunts[0]!, /let ioc_endpoints = dynamic\(\["172\.245\.4\.229:2404"\]\);/);
    assert.match(hunts[1]!, /strcat\(RemoteIP, ":", tostring\(RemotePort\)\) in \(ioc_endpoints\)/);
    assert.match(hunts[2]!, /Name has_any \(ioc_domains\)/);
    // Problems go to stderr, compiler style, and never into the KQL.
    assert.match(stderr, new RegExp(`^${EXAMPLE}:7: warning live-ioc: ${DUCKDNS} is not`, 'm'));
    assert.ok(!stdout.includes('live-ioc'));
  });

  test('--format json prints the documented contract', async () => {
    const { code, stdout } = await run(['hunt', EXAMPLE, '--format', 'json', '--no-validate']);
    assert.equal(code, EXIT.ok);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['report', 'iocs', 'problems', 'hunts']);
    assert.deepEqual(json.report, { title: 'remcos-threatfox-report.md', family: 'Remcos' });
    assert.deepEqual(json.iocs, [
      {
        type: 'ipv4',
        value: '172.245.4.229',
        port: 2404,
        original: '172[.]245[.]4[.]229:2404',
        line: 6,
        threatType: 'botnet_cc',
        firstSeen: '2026-04-20',
        confidence: 75,
        source: 'table',
      },
      {
        type: 'domain',
        value: DUCKDNS,
        original: DUCKDNS,
        line: 7,
        threatType: 'botnet_cc',
        firstSeen: '2026-04-20',
        confidence: 75,
        source: 'table',
      },
    ]);
    const hunts = json.hunts as { table: string; iocTypes: string[]; query: string }[];
    assert.deepEqual(
      hunts.map((h) => [h.table, h.iocTypes]),
      [
        ['CommonSecurityLog', ['ipv4', 'domain']],
        ['DeviceNetworkEvents', ['ipv4', 'domain']],
        ['DnsEvents', ['ipv4', 'domain']],
      ],
    );
    const problems = json.problems as { line: number; code: string }[];
    assert.deepEqual(
      problems.map((p) => [p.line, p.code]),
      [
        [7, 'live-ioc'],
        // wuauclt.exe is a host process attackers hide in: VS Code shows the same warning.
        [33, 'scenario-refused'],
        [45, 'scenario-incomplete'],
      ],
    );
  });

  test('--format json equals the fixture contract, flags and all', async () => {
    // The same flags as each fixture's options.json.
    const cases: [string, string[]][] = [
      ['defang-brackets', []],
      ['confidence-and-dates', ['--min-confidence', '50']],
      ['defender-platform', ['--platform', 'defender', '--lookback', '36h', '--tables']],
    ];
    for (const [name, flags] of cases) {
      const dir = join(FIXTURES, name);
      const options = existsSync(join(dir, 'options.json'))
        ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as { tables?: string[] })
        : {};
      const args =
        flags.at(-1) === '--tables' ? [...flags, (options.tables ?? []).join(',')] : flags;
      // The fixture's fallback title is report.md, the name the CLI falls back to as well.
      const result = await run([
        'hunt',
        join(dir, 'report.md'),
        '--format',
        'json',
        '--date',
        '2026-01-01',
        ...args,
      ]);
      assert.equal(result.code, EXIT.ok, `${name}: ${result.stderr}`);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown;
      assert.deepEqual(JSON.parse(result.stdout), expected, name);
    }
  });

  test('--out writes one .kql file per table, and hunts.json for JSON', async () => {
    const dir = tempDir();
    try {
      const kql = await run(['hunt', EXAMPLE, '--out', join(dir, 'kql'), '--no-validate']);
      assert.equal(kql.code, EXIT.ok, kql.stderr);
      assert.equal(kql.stdout, '');
      assert.match(kql.stderr, /wrote 3 hunt file\(s\)/);
      const files = readdirSync(join(dir, 'kql')).sort();
      assert.deepEqual(files, [
        'CommonSecurityLog.kql',
        'DeviceNetworkEvents.kql',
        'DnsEvents.kql',
      ]);
      for (const file of files) {
        const text = readFileSync(join(dir, 'kql', file), 'utf8');
        assert.ok(text.startsWith(`// Hunt: ${file.replace('.kql', '')} (`), text);
        assert.ok(text.endsWith('desc\n'));
      }
      const json = await run(['hunt', EXAMPLE, '--format', 'json', '--out', join(dir, 'json')]);
      assert.equal(json.code, EXIT.ok, json.stderr);
      assert.deepEqual(readdirSync(join(dir, 'json')), ['hunts.json']);
      const parsed = JSON.parse(readFileSync(join(dir, 'json', 'hunts.json'), 'utf8')) as {
        hunts: unknown[];
      };
      assert.equal(parsed.hunts.length, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--tables picks tables in any case, --lookback sets the window', async () => {
    const { code, stdout } = await run([
      'hunt',
      EXAMPLE,
      '--tables',
      'dnsevents, DeviceNetworkEvents',
      '--lookback',
      '36h',
      '--no-validate',
    ]);
    assert.equal(code, EXIT.ok);
    const hunts = stdout.trimEnd().split('\n\n');
    assert.deepEqual(
      hunts.map((h) => /^\/\/ Hunt: (\w+)/.exec(h)?.[1]),
      ['DeviceNetworkEvents', 'DnsEvents'],
    );
    for (const hunt of hunts) assert.match(hunt, /^let lookback = 36h;$/m);
  });

  test('--min-confidence leaves out weaker IOCs and says so', async () => {
    const { code, stdout, stderr } = await run([
      'hunt',
      EXAMPLE,
      '--min-confidence',
      '80',
      '--no-validate',
    ]);
    assert.equal(code, EXIT.noIocs);
    assert.equal(stdout.trim(), '');
    assert.match(stderr, /:6: info low-confidence: confidence 75 is below the minimum of 80/);
    assert.match(stderr, /nothing to hunt: none of the report's 2 IOC\(s\) passes/);
  });

  test('--date takes a real leap day into the headers', async () => {
    const { code, stdout } = await run(['hunt', EXAMPLE, '--date', '2028-02-29', '--no-validate']);
    assert.equal(code, EXIT.ok);
    assert.match(stdout, /generated 2028-02-29 by kql-hunt/);
  });

  test('a large report is validated and printed', async () => {
    const dir = tempDir();
    try {
      const report = join(dir, 'large.md');
      await new Promise<void>((resolve, reject) =>
        execFile(process.execPath, ['scripts/make-large-report.mjs', '20000', report], (error) =>
          error ? reject(error) : resolve(),
        ),
      );
      const { code, stdout, stderr } = await run(['hunt', report, '--date', '2026-01-01']);
      assert.equal(code, EXIT.ok, stderr);
      const hunts = stdout.trimEnd().split('\n\n');
      assert.ok(hunts.length > 3, `${hunts.length} hunts`);
      // The printed hunts keep every value, whatever the validation looked at.
      assert.ok(stdout.includes('"c2-19992.example-bad.top"'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a requested table that gets no hunt is named on stderr with the reason', async () => {
    const { code, stderr } = await run([
      'hunt',
      EXAMPLE,
      '--platform',
      'defender',
      '--tables',
      'DnsEvents,DeviceNetworkEvents,DeviceProcessEvents',
      '--no-validate',
    ]);
    assert.equal(code, EXIT.ok, stderr);
    assert.match(stderr, /no hunt for DnsEvents: it is not available on defender/);
    assert.match(stderr, /no hunt for DeviceProcessEvents: none of the hunted IOCs/);
  });

  test('--platform defender: Defender tables only, on Timestamp, validated', async () => {
    const { code, stdout, stderr } = await run(['hunt', EXAMPLE, '--platform', 'defender']);
    assert.equal(code, EXIT.ok, stderr);
    // The report recommends three tables; only DeviceNetworkEvents exists in Defender XDR.
    assert.match(stdout, /^\/\/ Hunt: DeviceNetworkEvents \(.*\), Defender XDR$/m);
    assert.equal(stdout.match(/^\/\/ Hunt: /gm)?.length, 1);
    // ...and the two it leaves out are named, not dropped silently.
    for (const table of ['CommonSecurityLog', 'DnsEvents']) {
      assert.match(
        stderr,
        new RegExp(
          `no hunt for ${table}, which the report recommends: it is not available on defender`,
        ),
      );
    }
    assert.ok(!stderr.includes('no hunt for DeviceNetworkEvents'));
    assert.match(stdout, /^\| where Timestamp > ago\(lookback\)$/m);
    assert.ok(!stdout.includes('TimeGenerated'));
  });

  test('a recommended table kql-hunt has no hunt for is named, not dropped', async () => {
    const report = readFileSync(EXAMPLE, 'utf8')
      .replace(/^DnsEvents \|/m, 'SecurityEvent |')
      .replace(/^CommonSecurityLog \|/m, 'Sys\x1blog |');
    const { code, stdout, stderr } = await run(['hunt', '-', '--no-validate'], report);
    assert.equal(code, EXIT.ok, stderr);
    assert.equal(stdout.match(/^\/\/ Hunt: /gm)?.length, 1);
    assert.match(
      stderr,
      /no hunt for SecurityEvent, which the report recommends: kql-hunt has no IOC hunt for that table/,
    );
    assert.match(stderr, /no hunt for Sys\\x1blog, which the report recommends/);

    // Report text: a flood of names is cut, counted, and case variants are one name.
    const rows = Array.from({ length: 30 }, (_, i) => `Bogus${i}${'x'.repeat(200)} | n`);
    const flood = readFileSync(EXAMPLE, 'utf8').replace(
      /^DnsEvents \|.*$/m,
      ['SecurityEvent | n', 'SECURITYEVENT | n', ...rows].join('\n'),
    );
    const flooded = await run(['hunt', '-', '--no-validate'], flood);
    const lines = flooded.stderr
      .split('\n')
      .filter((l) => l.includes('which the report recommends: kql-hunt has no'));
    assert.equal(lines.length, 10);
    assert.ok(lines.every((l) => l.length < 200));
    assert.match(flooded.stderr, /and 21 more recommended table\(s\)/);
  });

  test('reads the report from standard input with -', async () => {
    const { code, stdout } = await run(
      ['hunt', '-', '--format', 'json', '--no-validate'],
      readFileSync(EXAMPLE, 'utf8'),
    );
    assert.equal(code, EXIT.ok);
    const json = JSON.parse(stdout) as { report: { title: string }; iocs: unknown[] };
    assert.equal(json.report.title, 'standard input');
    assert.equal(json.iocs.length, 2);
  });

  test('errors: clear one-line messages and documented exit codes', async () => {
    const dir = tempDir();
    try {
      const empty = join(dir, 'empty.md');
      writeFileSync(empty, '# Nothing to see\n\nNo indicators in this note, version 1.2.3.\n');
      const badTools = join(dir, 'bad-tools.json');
      writeFileSync(badTools, '{"Tool": ');
      const cases: [string[], number, RegExp][] = [
        [['hunt', join(dir, 'missing.md')], EXIT.input, /cannot read .*missing\.md: no such file/],
        [['hunt', dir], EXIT.input, /is a directory, not a report/],
        [['hunt', empty], EXIT.noIocs, /empty\.md: no IOCs found, nothing to hunt/],
        [['hunt', EXAMPLE, '--tables', 'Foo,DnsEvents'], EXIT.usage, /unknown table Foo; known: /],
        [['hunt', EXAMPLE, '--lookback', '2w'], EXIT.usage, /--lookback must look like 14d/],
        [['hunt', EXAMPLE, '--lookback', '0d'], EXIT.usage, /--lookback must look like 14d/],
        [['hunt', EXAMPLE, '--min-confidence', '101'], EXIT.usage, /--min-confidence must be/],
        [['hunt', EXAMPLE, '--platform', 'splunk'], EXIT.usage, /Allowed choices are sentinel/],
        [['hunt', EXAMPLE, '--date', '1 Jan'], EXIT.usage, /--date must be a calendar date/],
        [['hunt', EXAMPLE, '--date', '2026-13-45'], EXIT.usage, /not "2026-13-45"/],
        [['hunt', EXAMPLE, '--date', '2025-02-29'], EXIT.usage, /not "2025-02-29"/],
        [
          ['hunt', EXAMPLE, '--platform', 'defender', '--tables', 'CommonSecurityLog'],
          EXIT.usage,
          /--tables CommonSecurityLog: not available on defender; defender tables: Device/,
        ],
        [
          ['hunt', EXAMPLE, '--exclusion-tools', join(dir, 'missing.json')],
          EXIT.input,
          /cannot read --exclusion-tools .*missing\.json: no such file/,
        ],
        [['hunt', EXAMPLE, '--exclusion-tools', badTools], EXIT.usage, /--exclusion-tools .*bad/],
        [['hunt', EXAMPLE, '--out', empty], EXIT.usage, /--out must be a directory: .* is a file/],
        [
          ['hunt', EXAMPLE, '--out', join(empty, 'sub')],
          EXIT.usage,
          /--out must be a directory: a part of .* is a file/,
        ],
        [['hunt', EXAMPLE, '--min-confidence', '90'], EXIT.noIocs, /nothing to hunt/],
      ];
      const results = await Promise.all(cases.map(([args]) => run(args)));
      results.forEach((result, i) => {
        const [args, code, message] = cases[i]!;
        assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, message, args.join(' '));
        assert.ok(!/\n\s+at /.test(result.stderr), `stack trace for ${args.join(' ')}`);
        assert.equal(result.stdout, '');
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kql-hunt hunt: scenarios the hunts cannot act on', { concurrency: true }, () => {
  const report = 'test/fixtures/exclusions/reworded/report.md';

  test('are printed on stderr with their line, like the report problems', async () => {
    const { code, stderr } = await run(['hunt', '--no-validate', report]);
    assert.equal(code, EXIT.ok, stderr);
    assert.match(stderr, /report\.md:20: warning scenario-inapplicable: .*only names publishers/);
    assert.match(stderr, /report\.md:24: info scenario-unresolved: .*--exclusion-tools/);
  });

  test('are listed among the JSON problems, in line order', async () => {
    const { code, stdout, stderr } = await run([
      'hunt',
      '--no-validate',
      '--format',
      'json',
      report,
    ]);
    assert.equal(code, EXIT.ok, stderr);
    const problems = (JSON.parse(stdout) as { problems: { line: number; code: string }[] })
      .problems;
    assert.deepEqual(
      problems.filter((p) => p.code.startsWith('scenario-')).map((p) => [p.line, p.code]),
      [
        [20, 'scenario-inapplicable'],
        [24, 'scenario-unresolved'],
      ],
    );
    const lines = problems.map((p) => p.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });
});
