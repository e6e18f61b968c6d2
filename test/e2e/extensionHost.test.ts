// Runs test/extension-host/ inside a real extension host (the smoke-test driver's payload) and
// turns its result file into one node:test subtest per host test, skips included.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EditorSession } from './harness/session.js';
import { poll } from './harness/poll.js';
import { repoRoot } from './harness/toolchain.js';

interface HostReport {
  results: {
    name: string;
    status: 'passed' | 'failed' | 'skipped';
    ms: number;
    message?: string;
  }[];
  activationMs?: number;
  openToActiveMs?: number;
}

/** The installed copy of the extension: the suite tests the packaged artifact, not the sources. */
function installedExtension(home: string): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  return join(home, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`);
}

test('extension host suite (real vscode API)', { timeout: 240_000 }, async (t) => {
  const hostBundle = process.env['KQL_HUNT_E2E_HOST_TESTS'];
  if (!hostBundle) throw new Error('KQL_HUNT_E2E_HOST_TESTS is not set: use npm run test:e2e');
  const resultsDir = join(repoRoot, 'test-results/e2e');
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, 'extension-host-results.json');
  rmSync(resultsFile, { force: true });
  let session: EditorSession | undefined;
  let failed = true;
  const started = Date.now();
  try {
    session = await EditorSession.start({
      smokeTestDriver: true,
      env: { KQL_HUNT_HOST_RESULTS: resultsFile },
      payload: (server, home) => {
        const extension = installedExtension(home);
        return [
          ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${extension}`],
          [
            'extensionTestsPath',
            `vscode-remote://127.0.0.1:${server.port}${extension}/host-tests/index.cjs`,
          ],
        ];
      },
      beforeOpen: (home) => {
        const target = join(installedExtension(home), 'host-tests');
        mkdirSync(target, { recursive: true });
        copyFileSync(hostBundle, join(target, 'index.cjs'));
      },
    });
    const report = await poll('the host suite result file', 180_000, () =>
      existsSync(resultsFile)
        ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as HostReport)
        : undefined,
    );
    await session.workbench.screenshot('extension-host');
    t.diagnostic(`host suite finished ${Date.now() - started} ms after code-server start`);
    if (report.activationMs !== undefined) t.diagnostic(`activation: ${report.activationMs} ms`);
    if (report.openToActiveMs !== undefined) {
      t.diagnostic(`report opened → extension active: ${report.openToActiveMs} ms`);
    }
    for (const result of report.results) {
      const options = result.status === 'skipped' ? { skip: result.message ?? true } : {};
      await t.test(result.name, options, () => {
        if (result.status === 'failed') throw new Error(result.message ?? 'failed');
      });
    }
    failed = report.results.some((result) => result.status === 'failed');
  } finally {
    await session?.close(failed);
  }
});
