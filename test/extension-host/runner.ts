// A small test runner for the extension host. The host loads one module and calls its `run`,
// and its result never reaches the outer process as an exit code, so results are written as JSON
// to the file named by KQL_HUNT_HOST_RESULTS (code-server's environment reaches the host).
import { renameSync, writeFileSync } from 'node:fs';

export interface HostTest {
  name: string;
  /** Why the test does not run yet; it is reported as skipped with this reason. */
  skip?: string;
  run: () => Promise<void>;
}

export interface HostResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  message?: string;
}

/** Bound on one test, so a hung request fails the test instead of the whole run. */
const testTimeoutMs = 30_000;

export async function runHostTests(tests: HostTest[]): Promise<HostResult[]> {
  const results: HostResult[] = [];
  for (const test of tests) {
    if (test.skip) {
      results.push({ name: test.name, status: 'skipped', ms: 0, message: test.skip });
      continue;
    }
    const started = Date.now();
    try {
      await withTimeout(test.run(), testTimeoutMs);
      results.push({ name: test.name, status: 'passed', ms: Date.now() - started });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name: test.name, status: 'failed', ms: Date.now() - started, message });
    }
  }
  return results;
}

export function writeResults(results: HostResult[], extra: Record<string, unknown> = {}): void {
  const path = process.env['KQL_HUNT_HOST_RESULTS'];
  if (!path) throw new Error('KQL_HUNT_HOST_RESULTS is not set');
  // Written whole and at once: the outer runner treats the file's appearance as "done".
  writeFileSync(`${path}.tmp`, JSON.stringify({ results, ...extra }, null, 2));
  renameSync(`${path}.tmp`, path);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
