// The messages between the language server and its Kusto worker thread. The service is
// synchronous and a first analysis takes most of a second, so it runs off the main thread: the
// server keeps answering hovers, cancellations and report requests meanwhile.
import type { KustoServiceOptions } from '../../core/kusto/index.js';

/** Which schema a request is answered against (platform plus the user's declarations). */
export type SchemaConfig = KustoServiceOptions;

/** Methods the worker answers, with their parameters. */
export interface WorkerMethods {
  warmUp: { config: SchemaConfig };
  diagnose: { config: SchemaConfig; text: string };
  complete: { config: SchemaConfig; text: string; offset: number };
  quickInfo: { config: SchemaConfig; text: string; offset: number };
  signatureHelp: { config: SchemaConfig; text: string; offset: number };
  classify: { config: SchemaConfig; text: string };
  format: { config: SchemaConfig; text: string; range?: { start: number; end: number } };
  letSymbols: { config: SchemaConfig; text: string };
  nameUses: { config: SchemaConfig; text: string; offset: number };
  parameterDeclaration: { config: SchemaConfig; text: string; offset: number; name: string };
}

export type WorkerMethod = keyof WorkerMethods;

/** A request to the worker. `supersedes` lets a newer request for the same key drop older ones. */
export interface WorkerRequest<M extends WorkerMethod = WorkerMethod> {
  id: number;
  method: M;
  params: WorkerMethods[M];
  /** Requests with the same key (diagnostics of one document): only the newest is run. */
  supersedes?: string;
}

/** The worker's answer: a result, an error message, or "skipped" when a newer request won. */
export type WorkerResponse =
  { id: number; result: unknown } | { id: number; error: string } | { id: number; skipped: true };
