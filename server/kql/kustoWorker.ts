// The worker thread that owns the Kusto service. Requests are run one at a time; before each,
// the queue is drained so a request superseded by a newer one for the same document (a
// diagnostics run between two keystrokes) is skipped instead of run, and the most urgent
// waiting request goes first (see `urgency`).
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { createKustoService, type KustoService } from '../../core/kusto/index.js';
import { describeError } from '../../core/kusto/bridge.js';
import type {
  SchemaConfig,
  WorkerMethod,
  WorkerRequest,
  WorkerResponse,
} from './workerProtocol.js';

/**
 * Lower runs first. A user waits on a completion list or a hover at the keyboard, so those go
 * before the editor's own requests. Among those, a check goes before highlighting: the check's
 * analysis of an edited query also answers the highlighting of it. A parameter declaration for a
 * quick fix tries seven analyses of a query: it waits behind everything else.
 */
function urgency(method: WorkerMethod): number {
  switch (method) {
    case 'complete':
    case 'quickInfo':
    case 'signatureHelp':
    case 'nameUses':
    case 'format':
      return 0;
    case 'diagnose':
      return 1;
    default:
      return 2;
  }
}

/** The index of the first of the most urgent requests in the queue. */
function nextIndex(): number {
  let best = 0;
  for (let i = 1; i < queue.length; i++) {
    if (urgency(queue[i]!.method) < urgency(queue[best]!.method)) best = i;
  }
  return best;
}

const port = parentPort;
if (!port) throw new Error('kustoWorker must run in a worker thread');

const services = new Map<string, KustoService>();
const queue: WorkerRequest[] = [];
let scheduled = false;

function serviceFor(config: SchemaConfig): KustoService {
  const key = JSON.stringify(config);
  let service = services.get(key);
  if (!service) {
    service = createKustoService(config);
    // Settings change rarely; a handful of services cover every open document.
    if (services.size >= 8) services.delete(services.keys().next().value!);
    services.set(key, service);
  }
  return service;
}

function run(request: WorkerRequest): unknown {
  const { params } = request;
  const service = serviceFor(params.config);
  switch (request.method) {
    case 'warmUp':
      service.warmUp();
      return { problems: service.declarationProblems };
    case 'diagnose':
      return service.diagnose((params as { text: string }).text);
    case 'complete': {
      const p = params as { text: string; offset: number };
      return service.complete(p.text, p.offset);
    }
    case 'quickInfo': {
      const p = params as { text: string; offset: number };
      return service.quickInfo(p.text, p.offset) ?? null;
    }
    case 'signatureHelp': {
      const p = params as { text: string; offset: number };
      return service.signatureHelp(p.text, p.offset) ?? null;
    }
    case 'classify':
      return service.classify((params as { text: string }).text);
    case 'format': {
      const p = params as { text: string; range?: { start: number; end: number } };
      return service.format(p.text, p.range);
    }
    case 'letSymbols':
      return service.letSymbols((params as { text: string }).text);
    case 'nameUses': {
      const p = params as { text: string; offset: number };
      return service.nameUses(p.text, p.offset);
    }
    case 'parameterDeclaration': {
      const p = params as { text: string; offset: number; name: string };
      return service.parameterDeclaration(p.text, p.offset, p.name) ?? null;
    }
  }
}

function drain(): void {
  for (let message = receiveMessageOnPort(port!); message; message = receiveMessageOnPort(port!)) {
    queue.push(message.message as WorkerRequest);
  }
}

function processQueue(): void {
  scheduled = false;
  drain();
  while (queue.length > 0) {
    const request = queue.splice(nextIndex(), 1)[0]!;
    const newer =
      request.supersedes !== undefined && queue.some((r) => r.supersedes === request.supersedes);
    let response: WorkerResponse;
    if (newer) {
      response = { id: request.id, skipped: true };
    } else {
      try {
        response = { id: request.id, result: run(request) };
      } catch (error) {
        response = { id: request.id, error: describeError(error) };
      }
    }
    port!.postMessage(response);
    drain();
  }
}

port.on('message', (request: WorkerRequest) => {
  queue.push(request);
  if (!scheduled) {
    scheduled = true;
    setImmediate(processQueue);
  }
});
