/// <reference path="../../node_modules/@kusto/language-service-next/Kusto.Language.Bridge.d.ts" />
// The one place that loads Microsoft's Kusto language service. It is a Bridge.NET translation
// of the C# library: two scripts that define the `Bridge` and `Kusto` globals instead of
// exporting anything. Every other file in core/kusto reaches the service through `loadKusto()`.
import { createRequire } from 'node:module';

/** The `Kusto.Language` namespace of the loaded service. */
export type KustoLanguage = typeof Kusto.Language;

let loaded: KustoLanguage | undefined;

/**
 * Loads the service once per process (about 200 ms) and returns its namespace. The scripts are
 * resolved at run time, not bundled: they must run as scripts to define their globals.
 * (scripts/build.mjs gives the CommonJS bundles a working `import.meta.url`.)
 */
export function loadKusto(): KustoLanguage {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  try {
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  } catch (error) {
    throw new Error(`cannot load the Kusto language service: ${describeError(error)}`);
  }
  loaded = Kusto.Language;
  return loaded;
}

/**
 * A one-line description of an error thrown inside the service. Its stack traces point into
 * minified scripts whose lines are megabytes long, so they must never reach a terminal whole.
 */
export function describeError(error: unknown, max = 300): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** Copies a Bridge.NET list into a plain array. */
export function toArray<T>(
  list: System.Collections.Generic.IReadOnlyList$1<T> | null | undefined,
): T[] {
  const out: T[] = [];
  if (!list) return out;
  for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

/**
 * Narrows a value the translated C# declares nullable but never returns null in practice
 * (nearly every member of the service is typed `T | null`).
 */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`Kusto service returned no ${what}`);
  return value;
}
