// Entry point VS Code loads (bundled to dist/extension.js). It only wires the pieces together:
// the log channel, the server session, the status item and the commands.
import * as vscode from 'vscode';
import { registerCommands } from './commands.js';
import { ServerApi } from './serverApi.js';
import { ServerSession } from './serverSession.js';
import { StatusItem } from './statusItem.js';

let session: ServerSession | undefined;

/** What `activate` returns: used by the extension-host tests, not a public API. */
export interface KqlHuntApi {
  /** Milliseconds from activation start until the server was running (or had failed). */
  activationMs: number;
  serverState: () => string;
}

export async function activate(context: vscode.ExtensionContext): Promise<KqlHuntApi> {
  const started = Date.now();
  // A LogOutputChannel: the user picks the level with "Developer: Set Log Level…".
  const log = vscode.window.createOutputChannel('kql-hunt', { log: true });
  const current = new ServerSession(context, log);
  session = current;
  const api = new ServerApi(() => current.running());
  context.subscriptions.push(
    log,
    current,
    new StatusItem(current),
    ...registerCommands(current, api, log),
    // The server learns of trust only when it starts (it then reads the workspace schema
    // file); a restart is simpler than a second path that turns the file on in a running server.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('workspace trusted: restarting the language server to read the workspace file');
      void current.restart();
    }),
  );
  await current.start();
  const activationMs = Date.now() - started;
  log.info(`activated in ${activationMs} ms`);
  return { activationMs, serverState: () => current.state };
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}
