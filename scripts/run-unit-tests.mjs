// Runs every compiled *.test.js under out/test except the editor suites, which need a
// running VS Code and have their own runner (scripts/e2e/).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'out/test';
const skip = new Set(['e2e', 'extension-host']);
const filter = process.argv[2];

function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip.has(name) ? [] : collect(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = collect(root).filter((file) => !filter || file.includes(filter));
if (files.length === 0) {
  console.error(`no test files under ${root}${filter ? ` matching ${filter}` : ''}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
