// Starts VS Code (code-server) for one test file: its own port, user data, extensions and process
// group, offline and quiet, with the packaged extension installed. `stop` ends the whole group,
// because the extension host and the language server are grandchildren that would otherwise
// linger; an exit hook does the same if the test process dies first.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Toolchain } from './toolchain.js';
import { poll } from './poll.js';

/** A loopback port nothing listens on: proxies point here so any outside request fails fast. */
export const closedPort = 9;

export interface CodeServer {
  url: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  toolchain: Toolchain;
  /** A fresh temp folder this server owns (user data, extensions, log). */
  home: string;
  vsix: string;
  /** Extra environment, inherited by the extension host (the host suite's result path). */
  env?: Record<string, string>;
  /** Lets a page load the extension tests through the `payload` query. */
  smokeTestDriver?: boolean;
}

/** Settings that keep the workbench from opening welcome pages, trust prompts or update checks. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'workbench.tips.enabled': false,
  'editor.hover.delay': 100,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'window.restoreWindows': 'none',
  // Tests edit fixtures and revert them; nothing may reach the disk behind their back.
  'files.autoSave': 'off',
  // The empty chat side bar would take a third of every screenshot.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // One document line per screen line, so a test finds a table cell in one rendered line.
  'editor.wordWrap': 'off',
  '[markdown]': { 'editor.wordWrap': 'off' },
};

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { toolchain, home } = options;
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(userSettings, null, 2));

  const env = offlineEnv(toolchain, options.env);
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const node = join(toolchain.nodeHome, 'bin/node');
  const install = spawnSync(
    node,
    [toolchain.codeServerEntry, ...common, '--install-extension', options.vsix, '--force'],
    { env, encoding: 'utf8', timeout: 60_000 },
  );
  if (install.status !== 0) {
    throw new Error(`installing ${options.vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const logFile = join(home, 'code-server.log');
  const log = openSync(logFile, 'a');
  const args = [
    toolchain.codeServerEntry,
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  // detached: its own process group, so `stop` can signal every descendant at once.
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  const killGroup = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killGroup);

  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    url,
    port,
    logFile,
    stop: async () => {
      process.removeListener('exit', killGroup);
      await stopGroup(child);
    },
  };
  try {
    await poll('code-server /healthz', 30_000, async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited; see ${logFile}`);
      const response = await fetch(`${url}/healthz`).catch(() => undefined);
      return response?.ok ? true : undefined;
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** The environment for code-server: Node 24 first on PATH, no gallery, proxies to nowhere. */
function offlineEnv(toolchain: Toolchain, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const proxy = `http://127.0.0.1:${closedPort}`;
  return {
    ...process.env,
    PATH: `${join(toolchain.nodeHome, 'bin')}:${process.env['PATH'] ?? ''}`,
    EXTENSIONS_GALLERY: '{}',
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    http_proxy: proxy,
    https_proxy: proxy,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...extra,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM to the group, then SIGKILL to whatever is left after a grace period. */
async function stopGroup(child: ChildProcess): Promise<void> {
  signalGroup(child, 'SIGTERM');
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  // The extension host may outlive code-server's main process: always sweep the group.
  signalGroup(child, 'SIGKILL');
}
