// Starts the bundled language server (dist/server.js) as a child process and speaks JSON-RPC
// with it over stdio, playing the client: it answers the server's configuration and
// registration requests and records every notification, so tests can wait on what the server
// sends instead of sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeParams,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';

export interface Notification {
  method: string;
  params: unknown;
}

export interface StartOptions {
  /** Workspace folder URIs the server indexes. */
  workspaceFolders?: string[];
  /** What the client answers for the `kqlHunt` section of `workspace/configuration`. */
  settings?: Record<string, unknown>;
}

export class ServerProcess {
  readonly notifications: Notification[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly stderr: string[] = [];
  settings: Record<string, unknown>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions = {}): Promise<ServerProcess> {
    // KQL_HUNT_SERVER points the tests at another build of the server (a debug bundle).
    const script = process.env.KQL_HUNT_SERVER ?? 'dist/server.js';
    const child = spawn(process.execPath, [script, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const server = new ServerProcess(child, connection, options);
    child.stderr!.on('data', (chunk: Buffer) => server.stderr.push(chunk.toString()));
    connection.onNotification((method: string, params: unknown) => {
      server.notifications.push({ method, params });
      for (const wake of server.waiters.splice(0)) wake();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => server.settings),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const folders = options.workspaceFolders ?? [];
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
          codeAction: {
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] },
            },
          },
        },
      },
    };
    await connection.sendRequest('initialize', params);
    await connection.sendNotification('initialized', {});
    return server;
  }

  /** Resolves with the first notification, past or future, that satisfies `match`. */
  async waitFor<T>(method: string, match: (params: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < this.notifications.length; seen++) {
        const note = this.notifications[seen]!;
        if (note.method === method && match(note.params as T)) return note.params as T;
      }
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.stderr.join('')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${method} notification matched in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone: the test that killed it has asserted what it needed.
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 3000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
