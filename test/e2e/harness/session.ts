// One editor session per test file: a temp workspace (the fixtures plus the example report), a
// code-server with the packaged extension, and a Chromium window on the workspace. `close`
// always tears everything down, also after a failed start, and keeps code-server's log beside
// the screenshots when something went wrong.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startCodeServer, type CodeServer } from './codeServer.js';
import { locateToolchain, repoRoot, type Toolchain } from './toolchain.js';
import { Workbench, screenshotDir } from './workbench.js';

export interface SessionOptions {
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  smokeTestDriver?: boolean;
  /** Builds the page's `payload` from the server (its port is known only once it runs). */
  payload?: (server: CodeServer, home: string) => [string, string][];
  /** Runs once the extension is installed, before the window opens. */
  beforeOpen?: (home: string) => void;
}

export class EditorSession {
  private constructor(
    readonly home: string,
    readonly workspace: string,
    readonly toolchain: Toolchain,
    readonly server: CodeServer,
    readonly workbench: Workbench,
  ) {}

  /** The .vsix that scripts/e2e/run.mjs packaged for this run. */
  static vsix(): string {
    const vsix = process.env['KQL_HUNT_E2E_VSIX'];
    if (!vsix) throw new Error('KQL_HUNT_E2E_VSIX is not set: run the suite with npm run test:e2e');
    return vsix;
  }

  static async start(options: SessionOptions = {}): Promise<EditorSession> {
    const toolchain = locateToolchain();
    const home = mkdtempSync(join(tmpdir(), 'kql-hunt-e2e-'));
    const workspace = createWorkspace(home);
    let server: CodeServer | undefined;
    try {
      server = await startCodeServer({
        toolchain,
        home,
        vsix: EditorSession.vsix(),
        ...(options.env ? { env: options.env } : {}),
        ...(options.smokeTestDriver ? { smokeTestDriver: true } : {}),
      });
      options.beforeOpen?.(home);
      const payload = options.payload?.(server, home);
      const workbench = await Workbench.open(toolchain, server, {
        folder: workspace,
        ...(payload ? { payload } : {}),
      });
      return new EditorSession(home, workspace, toolchain, server, workbench);
    } catch (error) {
      if (server) keepLog(server, home, 'start-failed');
      await server?.stop();
      rmSync(home, { recursive: true, force: true });
      throw error;
    }
  }

  async close(failed = false): Promise<void> {
    if (failed) {
      await this.workbench.screenshot('last-failure').catch(() => undefined);
      keepLog(this.server, this.home, 'last-failure');
    }
    await this.workbench.close();
    await this.server.stop();
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** A fresh copy of the fixture workspace, so tests may edit files freely. */
function createWorkspace(home: string): string {
  const workspace = join(home, 'workspace');
  mkdirSync(workspace, { recursive: true });
  cpSync(join(repoRoot, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  const report = join(repoRoot, 'examples/remcos-threatfox-report.md');
  copyFileSync(report, join(workspace, basename(report)));
  return workspace;
}

/** Keeps code-server's own log and the window's logs (extension host, our output channel). */
function keepLog(server: CodeServer, home: string, name: string): void {
  mkdirSync(screenshotDir, { recursive: true });
  copyFileSync(server.logFile, join(screenshotDir, `${name}.code-server.log`));
  const logs = join(home, 'user-data/logs');
  if (existsSync(logs)) cpSync(logs, join(screenshotDir, `${name}-logs`), { recursive: true });
}
