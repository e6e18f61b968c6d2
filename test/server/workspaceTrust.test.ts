// Workspace trust against the real bundled server over stdio: the workspace schema file counts
// only when the client says the workspace is trusted, or says nothing (editors without trust).
// The shared helpers start the server without initializationOptions, so this file starts its own.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Diagnostic,
  LogMessageParams,
  PublishDiagnosticsParams,
  RegistrationParams,
} from 'vscode-languageserver-protocol';

/** A workspace whose schema file declares the custom table the query reads. */
const workspace = mkdtempSync(join(tmpdir(), 'kql-hunt-trust-'));
writeFileSync(
  join(workspace, '.kql-hunt.json'),
  JSON.stringify({ tables: { MyFeed_CL: '(TimeGenerated:datetime, Indicator:string)' } }),
);
const rootUri = pathToFileURL(workspace).href;
// The second query always has an error, so its diagnostic says the KQL check has run.
const text = 'MyFeed_CL | take 1\n\nSigninLogs | where NoSuchColumn == 1\n';
const checked = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'KS142');

after(() => rmSync(workspace, { recursive: true, force: true }));

interface Seen {
  notifications: { method: string; params: unknown }[];
  registrations: RegistrationParams[];
}

/** Spawns the bundled server over stdio and initializes it on `workspace`. */
async function startServer(initializationOptions?: unknown) {
  // KQL_HUNT_SERVER points the test at another build of the server, as in serverProcess.ts.
  const script = process.env['KQL_HUNT_SERVER'] ?? 'dist/server.js';
  const child = spawn(process.execPath, [script, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection: MessageConnection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const seen: Seen = { notifications: [], registrations: [] };
  const wakers: (() => void)[] = [];
  connection.onNotification((method: string, params: unknown) => {
    seen.notifications.push({ method, params });
    for (const wake of wakers.splice(0)) wake();
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => ({})),
  );
  connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
    seen.registrations.push(params);
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'trust' }],
    capabilities: {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { resourceOperations: ['create'] },
      },
    },
    ...(initializationOptions === undefined ? {} : { initializationOptions }),
  });
  await connection.sendNotification('initialized', {});

  /** The first diagnostics published for `uri`, past or future, that satisfy `accept`. */
  async function diagnostics(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + 30_000;
    for (let seenCount = 0; ;) {
      for (; seenCount < seen.notifications.length; seenCount++) {
        const { method, params } = seen.notifications[seenCount]!;
        const published = params as PublishDiagnosticsParams;
        if (method === 'textDocument/publishDiagnostics' && published.uri === uri) {
          if (accept(published)) return published.diagnostics;
        }
      }
      if (child.exitCode !== null) throw new Error('the server exited');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} matched in 30 s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wakers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Opens `name` with the test query and returns its diagnostics once the KQL check ran. */
  async function check(name: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = pathToFileURL(join(workspace, name)).href;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'kql', version: 1, text },
    });
    return { uri, diagnostics: await diagnostics(uri, checked) };
  }

  async function stop(): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
    connection.dispose();
  }

  return { connection, seen, check, stop };
}

const unknownTables = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.code === 'KS204').map((d) => d.message);

function watchesWorkspaceFile(seen: Seen): boolean {
  return seen.registrations.some((r) =>
    r.registrations.some((one) => JSON.stringify(one.registerOptions).includes('.kql-hunt')),
  );
}

function untrustedNotices(seen: Seen): string[] {
  return seen.notifications
    .filter((n) => n.method === 'window/logMessage')
    .map((n) => n.params as LogMessageParams)
    .filter((p) => /not trusted/.test(p.message))
    .map((p) => `${p.type}: ${p.message}`);
}

test('in a trusted workspace the schema file declares MyFeed_CL, and is watched', async () => {
  const server = await startServer({ workspaceTrusted: true });
  try {
    const { diagnostics } = await server.check('trusted.kql');
    assert.deepEqual(unknownTables(diagnostics), []);
    assert.ok(watchesWorkspaceFile(server.seen), 'the server watches .kql-hunt.json');
    assert.deepEqual(untrustedNotices(server.seen), []);
  } finally {
    await server.stop();
  }
});

test('without initializationOptions (other editors) the workspace counts as trusted', async () => {
  const server = await startServer();
  try {
    const { diagnostics } = await server.check('no-options.kql');
    assert.deepEqual(unknownTables(diagnostics), []);
  } finally {
    await server.stop();
  }
});

test('in an untrusted workspace the schema file is ignored, once logged, never declared into', async () => {
  const server = await startServer({ workspaceTrusted: false });
  try {
    const { uri, diagnostics } = await server.check('untrusted.kql');
    const unknown = diagnostics.filter((d) => d.code === 'KS204');
    assert.equal(unknown.length, 1, JSON.stringify(diagnostics));
    assert.match(String(unknown[0]!.message), /MyFeed_CL/);

    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: unknown[0]!.range,
      context: { diagnostics: unknown },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title).filter((title) => /Declare table/.test(title)),
      [],
    );
    assert.equal(watchesWorkspaceFile(server.seen), false, 'no watcher for .kql-hunt.json');

    // Settings changes and more documents read the configuration again; the log stays at one.
    await server.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: {},
    });
    await server.check('untrusted-again.kql');
    const notices = untrustedNotices(server.seen);
    assert.equal(notices.length, 1, notices.join('\n'));
    assert.match(notices[0]!, /^3: /, 'logged at info level');
  } finally {
    await server.stop();
  }
});
