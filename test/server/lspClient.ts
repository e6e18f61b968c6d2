// A minimal LSP client for protocol tests: spawns the bundled server (dist/server.js) over
// stdio and speaks JSON-RPC to it. Tests wait for the server's own notifications, never sleep.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  PublishDiagnosticsNotification,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

/** A running server with helpers to wait for what it publishes. */
export interface TestServer {
  connection: MessageConnection;
  process: ChildProcess;
  workspace: string;
  initializeResult: InitializeResult;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(
    uri: string,
    accept?: (p: PublishDiagnosticsParams) => boolean,
  ): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

/** Starts dist/server.js in a fresh temporary workspace and initializes it. */
export async function startServer(settings: Record<string, unknown> = {}): Promise<TestServer> {
  const workspace = mkdtempSync(join(tmpdir(), 'kql-hunt-lsp-'));
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const waiters: {
    uri: string;
    accept: (p: PublishDiagnosticsParams) => boolean;
    resolve(p: PublishDiagnosticsParams): void;
  }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === 'kqlHunt' ? settings : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const rootUri = pathToFileURL(workspace).href;
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'test' }],
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { resourceOperations: ['create'] } },
      textDocument: { completion: { completionItem: { snippetSupport: true } } },
    },
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    workspace,
    initializeResult,
    diagnostics: (uri, accept = () => true) =>
      new Promise((resolve) => waiters.push({ uri, accept, resolve })),
    async stop() {
      await connection.sendRequest('shutdown');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    },
  };
}
