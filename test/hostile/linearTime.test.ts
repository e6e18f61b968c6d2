// Regular-expression and parser safety: everything that reads report text must cost time linear
// in its length, or one crafted report hangs the CLI and the language server. Each adversarial
// pattern is read at 100 KB and at 1 MB; ten times the input may cost at most 30 times the
// time. The budget is relative to the same machine's 100 KB run, never a fixed wall time, and
// is loose enough for noise while a quadratic path (100× or far worse) still fails it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFromText } from '../../core/ioc/extract.js';
import { refang } from '../../core/ioc/refang.js';
import { readReport } from '../../core/report/readReport.js';

const SMALL = 100_000;
const LARGE = 1_000_000;
const MAX_RATIO = 30;
/** Timer noise floor: a 100 KB run faster than this counts as this long. */
const FLOOR_MS = 5;

/** Repeated units that stress one pattern or parser construct each. */
const PATTERNS: Record<string, string> = {
  dots: '.',
  digits: '1',
  'digit-dot': '1.',
  'dotted quads': '1.2.3.4.',
  'bracket dot': '[.]',
  'paren dot': '(.)',
  'brace dot': '{.}',
  'word dot': '[dot]',
  'open brackets': '[',
  'close brackets': ']',
  'link-like': '[a](',
  'scheme defang': 'hxxp',
  'scheme and colon': 'hXXps[:]//',
  'bracketed punctuation': '[://]',
  'at sign': '[at]',
  pipes: '|',
  backslashes: '\\',
  'escaped dots': '\\.',
  colons: ':',
  emphasis: '*a',
  underscores: '_',
  'zero-width': 'a\u200b',
  'mixed defangs': 'a.b[.]c(.)d{.}e[dot]f ',
  'key lines': 'Scenario: x\n',
  'pipe rows': '| a | b |\n',
  'keys on one line': 'Family: a ',
  spaces: ' ',
  'ipv6-ish': '[::',
  hex: 'a',
};

/**
 * The subset that readReport (the expensive reader) is timed on: single-line runs that reach
 * the markdown parser's inline and table paths and the metadata patterns.
 */
const REPORT_PATTERNS = [
  'dots',
  'digit-dot',
  'bracket dot',
  'close brackets',
  'link-like',
  'scheme defang',
  'pipes',
  'backslashes',
  'emphasis',
  'keys on one line',
  'spaces',
  'mixed defangs',
  'zero-width',
];

/** A pattern repeated to exactly `size` characters. */
function repeat(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * CPU milliseconds spent by this process on `run`. CPU time rather than wall time: CI machines
 * and this one run other jobs, and waiting for a core is not our cost.
 */
function elapsed(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Time at 1 MB over time at 100 KB (the better of two 100 KB runs, the first warming up). */
function growth(read: (text: string) => unknown, unit: string): number {
  const small = repeat(unit, SMALL);
  const large = repeat(unit, LARGE);
  const smallMs = Math.min(
    elapsed(() => read(small)),
    elapsed(() => read(small)),
  );
  const largeMs = elapsed(() => read(large));
  return largeMs / Math.max(smallMs, FLOOR_MS);
}

const READERS: [string, (text: string) => unknown, string[]][] = [
  ['readReport', (text) => readReport(text), REPORT_PATTERNS],
  ['extractFromText', (text) => extractFromText(text), Object.keys(PATTERNS)],
  ['refang', (text) => refang(text), Object.keys(PATTERNS)],
];

for (const [readerName, read, names] of READERS) {
  test(`${readerName} runs in linear time on adversarial input`, () => {
    const slow: string[] = [];
    for (const name of names) {
      const unit = PATTERNS[name] as string;
      const ratio = growth(read, unit);
      if (ratio > MAX_RATIO) slow.push(`${name}: ×${ratio.toFixed(0)}`);
    }
    assert.deepEqual(slow, [], `10× the input cost more than ${MAX_RATIO}× the time`);
  });
}

/**
 * Wall time of `kql-hunt hunt` at 1 MB over 100 KB for each named pattern, as `name: ×ratio`
 * where it exceeds the budget. Wall time, as the child's CPU is not ours; process start-up
 * dominates the small run, which only makes this budget looser.
 */
function slowInCli(names: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-linear-'));
  try {
    const slow: string[] = [];
    for (const name of names) {
      const times = [SMALL, LARGE].map((size) => {
        const file = join(dir, `${size}.md`);
        writeFileSync(file, repeat(PATTERNS[name] as string, size));
        const start = performance.now();
        try {
          execFileSync(process.execPath, ['bin/kql-hunt.js', 'hunt', '--no-validate', file], {
            stdio: 'ignore',
          });
        } catch (error) {
          // Exit 4 (no IOCs) is as good as 0 here: only the time matters.
          const status = (error as { status?: number }).status;
          assert.ok(status === 4 || status === 0, `${name}: exit ${status}`);
        }
        return performance.now() - start;
      });
      const ratio = (times[1] as number) / (times[0] as number);
      if (ratio > MAX_RATIO) slow.push(`${name}: ×${ratio.toFixed(0)}`);
    }
    return slow;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the CLI runs in linear time on adversarial reports', () => {
  assert.deepEqual(slowInCli(['bracket dot', 'keys on one line']), []);
});

/**
 * Many short lines make one long paragraph, or pipe rows that no delimiter row makes a table.
 * The markdown parser's cost grows with the square of a paragraph's line count; the reader
 * parses a long report in windows (core/report/parseWindows.ts) to stay linear.
 */
test('many-line paragraphs and pipe rows without a delimiter row read in linear time', () => {
  const names = ['key lines', 'pipe rows'];
  const slow: string[] = [];
  for (const name of names) {
    const ratio = growth((text) => readReport(text), PATTERNS[name] as string);
    if (ratio > MAX_RATIO) slow.push(`readReport, ${name}: ×${ratio.toFixed(0)}`);
  }
  for (const cli of slowInCli(names)) slow.push(`CLI, ${cli}`);
  assert.deepEqual(slow, [], `10× the input cost more than ${MAX_RATIO}× the time`);
});

/**
 * Tables each run into the next (no blank line, a note after each): the reader's repair cuts
 * every table at its note. Timed at 10 KB and 100 KB, not 100 KB and 1 MB: the parser costs
 * some 20 s of CPU for 1 MB of them even in linear time, and re-reading the rest of the report
 * once per table, as the repair once did, already took minutes at 100 KB.
 */
test('tables that each run into the next read in linear time', () => {
  const unit = '| Type | Value |\n|---|---|\n| ip | 1[.]2[.]3[.]4 |\nScenario: x\n';
  const time = (size: number) => elapsed(() => readReport(repeat(unit, size)));
  const small = Math.min(time(SMALL / 10), time(SMALL / 10));
  const ratio = time(SMALL) / Math.max(small, FLOOR_MS);
  assert.ok(ratio <= MAX_RATIO, `10× the input cost ×${ratio.toFixed(0)} the time`);
});
