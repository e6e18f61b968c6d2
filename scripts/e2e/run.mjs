// `npm run test:e2e`: the tests that need a real VS Code. It installs (or finds cached) the
// toolchain, packages the extension exactly as users get it, bundles the test files, and runs
// them with node's test runner, one file (one code-server) at a time.
//
// Environment: KQL_HUNT_E2E_CACHE moves the toolchain cache; a first argument filters test files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const repo = resolve(import.meta.dirname, '../..');
const work = join(repo, '.cache/e2e');
const filter = process.argv[2];
const timings = {};

function step(name, fn) {
  const started = Date.now();
  const result = fn();
  timings[name] = Date.now() - started;
  console.log(`e2e: ${name} took ${(timings[name] / 1000).toFixed(1)} s`);
  return result;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`e2e: ${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
  return result;
}

step('toolchain (install or cache check)', () => run('bash', ['scripts/e2e/install.sh']));

const { name, version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const vsix = join(work, `${name}-${version}.vsix`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
// Screenshots and logs describe this run only.
rmSync(join(repo, 'test-results/e2e'), { recursive: true, force: true });
// The same `npm run package` a release uses (production bundles, allow-list), written to .cache/.
step('npm run package', () =>
  run('npm', ['run', '--silent', 'package', '--', '--out', vsix], {
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
);

console.log(`e2e: ${vsix} is ${(statSync(vsix).size / 1024).toFixed(0)} KB`);

// The test files run from bundles, so a type error elsewhere in the tree cannot stop them; the
// type check itself is `npm run compile`'s job.
const testFiles = readdirSync(join(repo, 'test/e2e'))
  .filter((file) => file.endsWith('.test.ts') && (!filter || file.includes(filter)))
  .map((file) => join(repo, 'test/e2e', file));
await build({
  entryPoints: testFiles,
  outdir: join(work, 'tests'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
// The extension-host suite is CommonJS: the host loads a `.cjs` test module with require().
await build({
  entryPoints: [join(repo, 'test/extension-host/index.ts')],
  outfile: join(work, 'host/index.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

const started = Date.now();
const bundles = readdirSync(join(work, 'tests')).map((file) => join(work, 'tests', file));
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', ...bundles],
  {
    cwd: repo,
    stdio: 'inherit',
    env: {
      ...process.env,
      KQL_HUNT_REPO: repo,
      KQL_HUNT_E2E_VSIX: vsix,
      KQL_HUNT_E2E_HOST_TESTS: join(work, 'host/index.cjs'),
    },
  },
);
timings['tests'] = Date.now() - started;
console.log(`e2e: tests took ${(timings['tests'] / 1000).toFixed(1)} s`);
process.exit(result.status ?? 1);
