// `kql-hunt check` over the shared corpus of 1,498 production hunting queries. A query people
// run must not light up red: every query with an error must be a known, explained case
// (corpus-known-errors.json, described in docs/corpus-errors.md), and the share stays bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { CheckFileResult } from '../../cli/check.js';

const run = promisify(execFile);
const corpus = '../shared/corpus/kql';
const known = JSON.parse(readFileSync('test/check/corpus-known-errors.json', 'utf8')) as {
  queries: Record<string, string>;
};
/** The share of corpus queries with an error, measured at 3.5%; all explained, most real. */
const MAX_ERROR_RATE = 0.036;

async function check(dirs: string[]): Promise<CheckFileResult[]> {
  const args = ['dist/cli.js', 'check', '--format', 'json', ...dirs.map((d) => join(corpus, d))];
  try {
    const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as CheckFileResult[];
  } catch (error) {
    // Exit code 1 means "errors found"; the JSON is still on stdout.
    const failed = error as { code?: number; stdout?: string };
    if (failed.code !== 1 || !failed.stdout) throw error;
    return JSON.parse(failed.stdout) as CheckFileResult[];
  }
}

test(
  'corpus queries get errors only where the query is known to be wrong',
  { timeout: 600_000 },
  async () => {
    const dirs = readdirSync(corpus, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    // Two processes, one per core: the check is CPU-bound.
    const half = Math.ceil(dirs.length / 2);
    const results = (
      await Promise.all([check(dirs.slice(0, half)), check(dirs.slice(half))])
    ).flat();
    assert.equal(results.length, 1498);

    const withErrors = results
      .filter((r) => r.diagnostics.some((d) => d.severity === 'error'))
      .map((r) => relative(corpus, r.file).replaceAll('\\', '/'));
    const unexplained = withErrors.filter((file) => !(file in known.queries));
    assert.deepEqual(unexplained, [], 'queries with errors not in corpus-known-errors.json');
    // The list stays true the other way too: a query that no longer gets an error leaves it.
    const cleared = Object.keys(known.queries).filter((file) => !withErrors.includes(file));
    assert.deepEqual(cleared, [], 'queries in corpus-known-errors.json that get no error');
    const rate = withErrors.length / results.length;
    assert.ok(
      rate <= MAX_ERROR_RATE,
      `${withErrors.length} queries with errors (${(rate * 100).toFixed(1)}%)`,
    );
  },
);

test('the one query published malformed is flagged', { timeout: 120_000 }, async () => {
  const { stdout } = await run(process.execPath, [
    'dist/cli.js',
    'check',
    '--format',
    'json',
    join(corpus, 'bertjanp/333.kql'),
  ]).catch((error: { stdout: string }) => error);
  const [result] = JSON.parse(stdout) as CheckFileResult[];
  assert.ok(result?.diagnostics.some((d) => d.severity === 'error'));
});

test('the documented list of corpus queries with errors is the tested one', () => {
  const doc = readFileSync('docs/corpus-errors.md', 'utf8');
  const listed = [...doc.matchAll(/^\| `([\w-]+\/\d+\.kql)`\s+\|/gm)].map((m) => m[1]).sort();
  assert.deepEqual(listed, Object.keys(known.queries).sort());
});
