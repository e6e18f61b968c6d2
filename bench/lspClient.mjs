// A small LSP client over stdio for benchmarks: it starts any language server as a child
// process, plays the editor's side of JSON-RPC and times requests. The same client drives both
// servers of a comparison, so neither side gets a faster client than the other.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

export class LspClient {
  notifications = [];
  stderr = [];
  #waiters = [];

  /**
   * Spawns `node <script> <args>`, answers the requests every server may send (configuration,
   * registration, progress, refresh) plus `handlers`, and records every notification.
   */
  constructor(script, args = [], { handlers = {}, settings = () => null } = {}) {
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params, at: performance.now() });
      for (const wake of this.#waiters.splice(0)) wake();
    });
    const defaults = {
      'workspace/configuration': (params) => params.items.map((item) => settings(item.section)),
      'client/registerCapability': () => null,
      'client/unregisterCapability': () => null,
      'window/workDoneProgress/create': () => null,
      'workspace/diagnostic/refresh': () => null,
      'workspace/semanticTokens/refresh': () => null,
      'workspace/codeLens/refresh': () => null,
    };
    for (const [method, handler] of Object.entries({ ...defaults, ...handlers })) {
      this.connection.onRequest(method, handler);
    }
    this.connection.listen();
  }

  /** Sends initialize + initialized; returns ms from spawn to the initialize result. */
  async initialize(params) {
    this.initializeResult = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      ...params,
    });
    const ms = performance.now() - this.spawnedAt;
    await this.connection.sendNotification('initialized', {});
    return ms;
  }

  /** The first notification, past or future, with `method` that satisfies `match`. */
  async waitFor(method, match = () => true, timeoutMs = 600_000) {
    const deadline = Date.now() + timeoutMs;
    for (let seen = 0; ;) {
      for (; seen < this.notifications.length; seen++) {
        const note = this.notifications[seen];
        if (note.method === method && match(note.params)) return note;
      }
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.stderr.join('')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${method} notification matched in ${timeoutMs} ms`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  /** Wall time of one request, round trip included: what the editor waits for. */
  async timed(method, params) {
    const started = performance.now();
    const result = await this.connection.sendRequest(method, params);
    return { ms: performance.now() - started, result };
  }

  /** Resident and peak memory of the server process in MB, from /proc (Linux). */
  memory() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }

  async stop() {
    try {
      await Promise.race([
        this.connection.sendRequest('shutdown'),
        new Promise((resolve) => setTimeout(resolve, 3000)),
      ]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone; the kill below is then a no-op.
    }
    await new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
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

/** p50 and p99 of a list of milliseconds (nearest rank). */
export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), n: sorted.length };
}
