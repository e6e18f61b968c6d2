// Reports that are huge, malformed or built to deceive. The core never throws on any of them, the
// IOCs it does find are the ones a reader of the rendered text would see (hidden characters are
// flagged, look-alike domains are shown in both forms), and the CLI ends every run with a clear
// one-line message and a documented exit code, never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EXIT } from '../../cli/errors.js';
import { huntReport } from '../../core/hunt/generate.js';
import { extractFromText } from '../../core/ioc/extract.js';
import { readReport } from '../../core/report/readReport.js';

const HEADER = '| Type | Value | Threat Type | Confidence |\n|---|---|---|---|\n';

/** A deterministic pseudo-random byte source, so a failure can be replayed exactly. */
function bytes(count: number, seed: number): Buffer {
  const out = Buffer.alloc(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

function cli(args: string[], input?: Buffer | string): { status: number; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/kql-hunt.js', ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: run.status ?? -1, stderr: run.stderr };
}

/** No Node stack frame or internal-error banner may reach the user. */
function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+\)?\n|internal error/, stderr.slice(0, 2000));
}

test('the core never throws on arbitrary text, binary garbage or lone surrogates', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      huntReport(HEADER + text, { generated: '2026-01-01' });
      huntReport(text, { generated: '2026-01-01' });
    }),
    { numRuns: 150, seed: 11 },
  );
  for (let seed = 1; seed <= 5; seed++) {
    const garbage = bytes(200_000, seed).toString('utf8');
    assert.doesNotThrow(() => huntReport(garbage));
    assert.doesNotThrow(() => readReport(HEADER + garbage.replace(/\n/g, ' ')));
  }
  assert.doesNotThrow(() => readReport(`${HEADER}| domain | ev\ud800il[.]com |\n| url | \udfff |`));
});

test('deeply nested quotes and lists do not overflow the stack', () => {
  const quotes = `${'> '.repeat(3000)}evil[.]com\n`;
  // 300 levels: the indentation alone is 90 KB, and micromark's cost grows with depth × lines.
  const lists = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
  const mixed = `${'> - '.repeat(1500)}1[.]2[.]3[.]4\n`;
  for (const text of [quotes, lists, mixed]) assert.doesNotThrow(() => readReport(text));
  assert.deepEqual(
    readReport(quotes).iocs.map((i) => i.value),
    ['evil.com'],
  );
});

test('a list nested by indentation costs linear time in its size', () => {
  // One `- x` per line, each two columns deeper: 316 levels are 100 KB, 1,000 levels 1 MB. The
  // parser's cost grew with depth × size (1 MB took 30 s); past 32 levels the markers are spaces.
  const nested = (levels: number) =>
    Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
  const cpuMs = (text: string) => {
    const start = process.cpuUsage();
    readReport(text);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  cpuMs(nested(50));
  const ratio = cpuMs(nested(1000)) / cpuMs(nested(316));
  // Linear is ×10 for ten times the text; the unflattened parse was ×25 and more.
  assert.ok(ratio < 15, `1 MB took ${ratio.toFixed(1)}× the time of 100 KB`);
});

test('a single 10 MB line is read without throwing and finds its indicators', () => {
  const line = 'beacon to evil[.]example[.]com then 45[.]9[.]74[.]13 and '.repeat(180_000);
  assert.ok(line.length > 10_000_000);
  const found = extractFromText(line);
  assert.equal(found.length, 360_000);
  const values = new Set(found.map((f) => f.classified.value));
  assert.deepEqual([...values].sort(), ['45.9.74.13', 'evil.example.com']);
});

test('a 100,000-row IOC table is read in full', () => {
  const rows: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    rows.push(`| ipv4 | 45[.]${(i >> 16) & 255}[.]${(i >> 8) & 255}[.]${i & 255} | c2 | 80% |`);
  }
  const report = readReport(HEADER + rows.join('\n'));
  assert.equal(report.iocs.length, 100_000);
  assert.equal(report.iocs[99_999]?.value, '45.1.134.159');
});

test('zero-width and bidi-override characters in IOC values are removed and flagged', () => {
  const text = `${HEADER}| domain | ev\u200bil[.]com | c2 | 80% |\n| domain | gp\u202etxt.exe[.]com | c2 | 80% |\n`;
  const report = readReport(text);
  assert.deepEqual(
    report.iocs.map((i) => i.value),
    ['evil.com', 'gptxt.exe.com'],
  );
  const flagged = report.problems.filter((p) => p.code === 'suspicious-characters');
  assert.equal(flagged.length, 2, JSON.stringify(report.problems));
  assert.match(flagged[1]?.message ?? '', /direction/);
});

test('homoglyph and punycode domains carry both forms and a warning', () => {
  const text = `${HEADER}| domain | xn--pple-43d[.]com | c2 | 80% |\n| domain | pаypal[.]com | c2 | 80% |\n`;
  const report = readReport(text);
  const [apple, paypal] = report.iocs;
  assert.equal(apple?.value, 'xn--pple-43d.com');
  assert.equal(apple?.unicode, 'аpple.com');
  assert.equal(paypal?.value, 'xn--pypal-4ve.com');
  assert.equal(paypal?.unicode, 'pаypal.com');
  const warnings = report.problems.filter((p) => p.code === 'suspicious-characters');
  assert.equal(warnings.length, 2);
  for (const w of warnings) assert.match(w.message, /xn--.*|punycode/);
});

test('the CLI answers hostile files with a message and an exit code, never a stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-hostile-'));
  try {
    const write = (name: string, content: Buffer | string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const binary = cli(['hunt', '--no-validate', write('binary.md', bytes(1_000_000, 3))]);
    assert.ok([EXIT.ok, EXIT.noIocs].includes(binary.status as 0 | 4), binary.stderr);
    assertNoStack(binary.stderr);

    // Invalid UTF-8 around a real indicator: bad bytes become U+FFFD, the indicator survives.
    const invalid = Buffer.concat([
      Buffer.from(HEADER),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
      Buffer.from('\n| domain | evil[.]example[.]com | c2 | 80% |\n'),
    ]);
    const utf8 = cli(['hunt', '--no-validate', '--format', 'json', write('bad.md', invalid)]);
    assert.equal(utf8.status, EXIT.ok, utf8.stderr);
    assertNoStack(utf8.stderr);

    const empty = cli(['hunt', write('empty.md', '')]);
    assert.equal(empty.status, EXIT.noIocs);
    assert.match(empty.stderr, /no IOCs found/);

    const missing = cli(['hunt', join(dir, 'nope.md')]);
    assert.equal(missing.status, EXIT.input);
    assert.match(missing.stderr, /^kql-hunt: cannot read .*no such file\n$/);

    const folder = cli(['hunt', dir]);
    assert.equal(folder.status, EXIT.input);
    assertNoStack(folder.stderr);

    const stdin = cli(['hunt', '--no-validate', '-'], bytes(300_000, 9));
    assert.ok([EXIT.ok, EXIT.noIocs].includes(stdin.status as 0 | 4), stdin.stderr);
    assertNoStack(stdin.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a 50 MB report goes through the CLI once, within the memory CI has', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-50mb-'));
  try {
    // The example's shape at the top, then 50 MB of long prose paragraphs with a defanged
    // indicator in every one: the size of a pasted log or a concatenated feed.
    const paragraph = `${'the loader staged a payload from cloud storage and then beaconed '.repeat(120)}to c2-${'x'}[.]example[.]com.\n\n`;
    const body = paragraph.repeat(Math.ceil(50_000_000 / paragraph.length));
    const file = join(dir, 'big.md');
    writeFileSync(file, `${HEADER}| domain | evil[.]example[.]com | c2 | 80% |\n\n${body}`);
    const run = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=4096',
        'bin/kql-hunt.js',
        'hunt',
        '--no-validate',
        '--format',
        'json',
        file,
      ],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    assert.equal(run.status, EXIT.ok, run.stderr.slice(0, 2000));
    assertNoStack(run.stderr);
    const values = (JSON.parse(run.stdout) as { iocs: { value: string }[] }).iocs.map(
      (i) => i.value,
    );
    assert.deepEqual(values.sort(), ['c2-x.example.com', 'evil.example.com']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
