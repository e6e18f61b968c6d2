// The main thread's side of the Kusto worker: typed requests that resolve with the worker's
// answer. The worker is started on first use and again after it dies, so one crash costs one
// request, not the server.
import { Worker } from 'node:worker_threads';
import type {
  WorkerMethod,
  WorkerMethods,
  WorkerRequest,
  WorkerResponse,
} from './workerProtocol.js';

/** Raised for a request skipped because a newer one for the same document replaced it. */
export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer request');
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A handle on the worker thread that runs the Kusto service. */
export class KustoClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * @param workerFile the bundled worker script (dist/kustoWorker.js beside dist/server.js).
   * @param onExit told when the worker dies unexpectedly, with the reason.
   */
  constructor(
    private readonly workerFile: URL,
    private readonly onExit: (reason: string) => void,
  ) {}

  /** Sends a request; `supersedes` names a document whose older pending runs may be skipped. */
  request<M extends WorkerMethod, R>(
    method: M,
    params: WorkerMethods[M],
    supersedes?: string,
  ): Promise<R> {
    const worker = this.start();
    const id = this.nextId++;
    const message: WorkerRequest<M> = { id, method, params, supersedes };
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(message);
    });
  }

  /** Stops the worker; pending requests fail. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('the KQL service stopped');
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The service allocates fast, and V8 grows a busy thread's young generation to 34 MB: most
    // of what a second thread costs over running the service in-process. At 16 MB the bench
    // (npm run bench:kql) measured the same speed and 40-50 MB less resident memory.
    const worker = new Worker(this.workerFile, {
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    worker.on('message', (response: WorkerResponse) => this.settle(response));
    worker.on('error', (error) => {
      const reason = error.message.split('\n', 1)[0]?.slice(0, 300) ?? 'unknown error';
      this.failAll(`the KQL service failed: ${reason}`);
      this.onExit(reason);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(`the KQL service exited (code ${code})`);
      if (code !== 0) this.onExit(`exit code ${code}`);
    });
    // The worker must not keep the server alive after the client disconnects.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if ('result' in response) pending.resolve(response.result);
    else if ('error' in response) pending.reject(new Error(response.error));
    else pending.reject(new SupersededError());
  }

  private failAll(reason: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(reason));
    this.pending.clear();
  }
}
