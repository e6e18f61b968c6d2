// Bundles the shipped entry points with esbuild. The unit tests run on tsc's output in out/
// instead; these bundles are what the CLI, the VS Code client and the language server load.
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');

/** Entry point → bundle name. An entry whose source does not exist yet is skipped. */
const entries = {
  'cli/main.ts': 'cli',
  'server/main.ts': 'server',
  'server/kql/kustoWorker.ts': 'kustoWorker',
  'client/extension.ts': 'extension',
};

mkdirSync('dist', { recursive: true });
// The repo is an ES module package; the bundles are CommonJS, which VS Code's loader expects.
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');

for (const [source, name] of Object.entries(entries)) {
  if (!existsSync(source)) continue;
  await build({
    entryPoints: [source],
    outfile: `dist/${name}.js`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    // CommonJS has no import.meta; give ES-module code that resolves files next to itself (the
    // Kusto adapter's createRequire) the bundle's own URL instead of an empty object.
    banner: { js: 'var __bundleUrl = require("url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__bundleUrl' },
    sourcemap: !production,
    minify: production,
    legalComments: 'linked',
    logLevel: 'warning',
  });
}
