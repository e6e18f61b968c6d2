// Extension activation in a real VS Code (code-server, through the e2e harness), beside VS
// Code's built-in markdown extension activated in the same extension host; and the production
// bundles beside that extension's own. `activationRows` packages the extension as users get it,
// then runs `node bench/activation.mjs --measure <vsix>` under the e2e lock, because only one
// code-server run (the e2e suite's or this one) may use the machine at a time.
//
// BENCH_SKIP_VSCODE=1 (or `npm run bench -- --skip-vscode`) skips it and prints "skipped" rows.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCK = '/tmp/kql-hunt-e2e.lock';
const LOCK_WAIT_S = 900;
const LOCK_BUSY = 75;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const kusto = 'node_modules/@kusto/language-service-next';

/**
 * The .vsix exactly as `npm run package` makes it (production bundles, the allow-list), built
 * in a staging folder: `npm run package` rebuilds dist/ in place, which the other benchmarks and
 * everyone's tests read. Sources are linked, not copied; the shipped data files are copied
 * because vsce does not follow links when it collects them.
 */
function packageVsix(dir) {
  const stage = join(dir, 'stage');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const file of [
    'package.json',
    'README.md',
    '.vscodeignore',
    'language-configuration.json',
  ]) {
    copyFileSync(join(repo, file), join(stage, file));
  }
  for (const folder of ['syntaxes', 'snippets'])
    cpSync(join(repo, folder), join(stage, folder), { recursive: true });
  for (const folder of ['cli', 'client', 'core', 'server', 'data', 'bin', 'node_modules']) {
    if (existsSync(join(repo, folder))) symlinkSync(join(repo, folder), join(stage, folder));
  }
  execFileSync(process.execPath, [join(repo, 'scripts/build.mjs'), '--production'], { cwd: stage });
  const vsix = join(dir, `${manifest.name}-${manifest.version}.vsix`);
  execFileSync(
    join(repo, 'node_modules/.bin/vsce'),
    [
      'package',
      '--allow-missing-repository',
      '--skip-license',
      '--no-rewrite-relative-links',
      '--out',
      vsix,
    ],
    { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return { vsix, dist: join(stage, 'dist') };
}

/** The child: one code-server session whose extension host runs bench/activationHost.cjs. */
async function measure(vsix, resultsFile) {
  process.env.KQL_HUNT_E2E_VSIX = vsix;
  process.env.KQL_HUNT_REPO = repo;
  const { EditorSession } = await import('../out/test/e2e/harness/session.js');
  const { poll } = await import('../out/test/e2e/harness/poll.js');
  const installed = (home) =>
    join(home, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  rmSync(resultsFile, { force: true });
  const session = await EditorSession.start({
    smokeTestDriver: true,
    env: { KQL_HUNT_HOST_RESULTS: resultsFile },
    payload: (server, home) => {
      const root = `vscode-remote://127.0.0.1:${server.port}${installed(home)}`;
      return [
        ['extensionDevelopmentPath', root],
        ['extensionTestsPath', `${root}/bench-host/index.cjs`],
      ];
    },
    beforeOpen: (home) => {
      mkdirSync(join(installed(home), 'bench-host'), { recursive: true });
      copyFileSync(
        join(repo, 'bench/activationHost.cjs'),
        join(installed(home), 'bench-host/index.cjs'),
      );
    },
  });
  let failed = true;
  try {
    const result = await poll('the activation figures', 180_000, () =>
      existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined,
    );
    failed = Boolean(result.error);
    return result;
  } finally {
    await session.close(failed);
  }
}

/** The built-in markdown extension inside the code-server that the e2e toolchain installed. */
async function peerExtensionDir() {
  const { locateToolchain } = await import('../out/test/e2e/harness/toolchain.js');
  const entry = locateToolchain().codeServerEntry; // code-server/out/node/entry.js
  return resolve(dirname(entry), '../../lib/vscode/extensions/markdown-language-features');
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const size = (...files) => files.reduce((n, f) => n + statSync(f).size, 0);

export async function activationRows(row, cacheDir) {
  const names = [
    'extension activation',
    'bundle: extension client (production)',
    'bundle: language server (production)',
  ];
  const skipped = (reason) => {
    for (const name of names) row(name, 'skipped', 'skipped', '—', reason);
  };
  if (process.env.BENCH_SKIP_VSCODE === '1' || process.argv.includes('--skip-vscode')) {
    return skipped('BENCH_SKIP_VSCODE=1 / --skip-vscode');
  }
  const install = spawnSync('bash', [join(repo, 'scripts/e2e/install.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (install.status !== 0) return skipped('scripts/e2e/install.sh failed: no code-server');
  const dir = join(resolve(cacheDir), 'vscode');
  mkdirSync(dir, { recursive: true });
  const { vsix, dist } = packageVsix(dir);
  const resultsFile = join(dir, 'activation-results.json');
  const child = spawnSync(
    'flock',
    [
      '-w',
      String(LOCK_WAIT_S),
      '-E',
      String(LOCK_BUSY),
      LOCK,
      process.execPath,
      fileURLToPath(import.meta.url),
      '--measure',
      vsix,
      resultsFile,
    ],
    { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60_000 },
  );
  if (child.status === LOCK_BUSY) return skipped(`${LOCK} held for ${LOCK_WAIT_S} s by an e2e run`);
  const lastLine = child.stdout.trim().split('\n').at(-1) ?? '';
  const result = child.status === 0 ? JSON.parse(lastLine) : { error: `exit ${child.status}` };

  if (result.error || result.peerActivateMs === undefined || result.openToActiveMs === undefined) {
    const reason = result.error
      ? result.error.split('\n')[0]
      : result.peerWasActive || result.oursWasActive
        ? 'an extension was already active when the host suite started: not measurable'
        : JSON.stringify(result);
    row(names[0], 'failed', '—', '—', reason);
  } else {
    row(
      `${names[0]} (VS Code ${result.vscodeVersion})`,
      `${result.openToActiveMs.toFixed(0)} ms`,
      `${result.peerActivateMs.toFixed(0)} ms (markdown ext)`,
      `${(result.openToActiveMs / result.peerActivateMs).toFixed(2)}× its time`,
      `ours: report opened → active (editor shown at ${result.openedMs?.toFixed(0)} ms; its own activationMs: ${result.activationMs} ms, client + server running); peer: vscode.markdown-language-features activate() in the same fresh host, no markdown open yet, its server started too`,
    );
  }
  const peer = await peerExtensionDir();
  const client = size(join(dist, 'extension.js'));
  const peerClient = size(join(peer, 'dist/extension.js'));
  row(
    names[1],
    kb(client),
    `${kb(peerClient)} (markdown ext)`,
    `${(client / peerClient).toFixed(3)}×`,
    'dist/extension.js in the .vsix vs the built-in extension’s dist/extension.js',
  );
  const server = size(join(dist, 'server.js'), join(dist, 'kustoWorker.js'));
  const scripts = size(
    join(repo, kusto, 'bridge.min.js'),
    join(repo, kusto, 'Kusto.Language.Bridge.min.js'),
  );
  const peerServer = size(join(peer, 'dist/serverWorkerMain.js'));
  row(
    names[2],
    `${kb(server + scripts)}`,
    `${kb(peerServer)} (markdown LS)`,
    `${((server + scripts) / peerServer).toFixed(2)}×`,
    `ours: server.js + kustoWorker.js ${kb(server)} + the Kusto scripts it loads ${kb(scripts)}; peer: serverWorkerMain.js`,
  );
}

if (process.argv[2] === '--measure') {
  console.log(JSON.stringify(await measure(process.argv[3], process.argv[4])));
}
