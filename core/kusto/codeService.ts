// The service's per-text editor object (completion, quick info, classification, related
// elements), kept for the few query texts in use: hovers over one query reuse its analysis, and
// so does a completion on a query already analysed whole (otherwise completion analyses only
// the text up to the caret's operator: completionPrefix.ts). It analyses the text with long
// literal lists shortened (longLists.ts), so it must never be asked for text to write back:
// formatting makes its own.
import { loadKusto } from './bridge.js';
import { shortenLiteralLists } from './longLists.js';

const CACHE_SIZE = 16;
const cache = new Map<string, Kusto.Language.Editor.KustoCodeService>();
const globalsIds = new WeakMap<Kusto.Language.GlobalState, number>();
let nextGlobalsId = 0;

/** Whether the editor service for this text is kept already. */
export function hasCodeService(text: string, globals: Kusto.Language.GlobalState): boolean {
  const id = globalsIds.get(globals);
  return id !== undefined && cache.has(`${id}\u0000${text}`);
}

/** The editor service for one query text under a GlobalState. */
export function codeServiceFor(
  text: string,
  globals: Kusto.Language.GlobalState,
): Kusto.Language.Editor.KustoCodeService {
  let id = globalsIds.get(globals);
  if (id === undefined) {
    id = nextGlobalsId++;
    globalsIds.set(globals, id);
  }
  const key = `${id}\u0000${text}`;
  let service = cache.get(key);
  if (service) {
    cache.delete(key);
  } else {
    service = new (loadKusto().Editor.KustoCodeService.$ctor1)(shortenLiteralLists(text), globals);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, service);
  return service;
}
