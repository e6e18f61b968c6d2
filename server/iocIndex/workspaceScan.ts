/**
 * Reads the workspace's markdown reports from disk in the background, so a `.kql` hover can
 * name indicators from reports that are not open. Bounded in file count and size, and yields
 * to the event loop between files: a large workspace slows the index, never the editor.
 */
import { opendir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readReport } from '../../core/report/readReport.js';
import type { IocIndex } from './iocIndex.js';

export interface ScanLimits {
  /** Markdown files read at most, over all folders. */
  maxFiles: number;
  /** Files larger than this are skipped: reports are small; a huge file is rarely one. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: ScanLimits = { maxFiles: 2000, maxBytes: 2_000_000 };

/** Folders never worth walking: dependencies, build output, VCS data, editor state. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'out', 'dist', 'target', 'bin', 'obj']);

export interface ScanLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface ScanResult {
  files: number;
  reports: number;
  skipped: number;
  truncated: boolean;
  elapsedMs: number;
}

/**
 * Indexes every `*.md` under the folders (file URIs) as disk readings. `isCancelled` is
 * polled between files so a shutdown or a folder change can stop the walk.
 */
export async function scanWorkspace(
  folderUris: readonly string[],
  index: IocIndex,
  log: ScanLog,
  limits: ScanLimits = DEFAULT_LIMITS,
  isCancelled: () => boolean = () => false,
): Promise<ScanResult> {
  const started = performance.now();
  const result: ScanResult = { files: 0, reports: 0, skipped: 0, truncated: false, elapsedMs: 0 };
  const pending = folderUris.flatMap((uri) =>
    uri.startsWith('file:') ? [fileURLToPath(uri)] : [],
  );
  while (pending.length > 0 && !isCancelled()) {
    const dir = pending.pop() as string;
    let entries;
    try {
      entries = await opendir(dir);
    } catch (error) {
      log.warn(`report index: cannot read ${dir}: ${String(error)}`);
      continue;
    }
    for await (const entry of entries) {
      if (isCancelled()) break;
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path);
        continue;
      }
      if (!entry.isFile() || !entry.name.toLowerCase().endsWith('.md')) continue;
      if (result.files >= limits.maxFiles) {
        result.truncated = true;
        break;
      }
      result.files++;
      const indexed = await indexFile(pathToFileURL(path).href, index, limits);
      if (indexed === undefined) result.skipped++;
      else if (indexed) result.reports++;
      // Let queued requests (hovers, edits) run before the next file is read.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (result.truncated) break;
  }
  result.elapsedMs = Math.round(performance.now() - started);
  const summary = `report index: ${result.reports} reports in ${result.files} markdown files (${result.elapsedMs} ms)`;
  if (result.truncated) {
    log.warn(`${summary}; stopped at ${limits.maxFiles} files, so reports beyond are not indexed`);
  } else log.info(summary);
  return result;
}

/**
 * Reads one file into the index: true when it holds indicators, false when not (it is then
 * removed), undefined when it was skipped (too large, unreadable).
 */
export async function indexFile(
  uri: string,
  index: IocIndex,
  limits: ScanLimits = DEFAULT_LIMITS,
): Promise<boolean | undefined> {
  try {
    const path = fileURLToPath(uri);
    if ((await stat(path)).size > limits.maxBytes) return undefined;
    const report = readReport(await readFile(path, 'utf8'));
    index.set(uri, 'disk', report);
    return report.iocs.length > 0;
  } catch {
    index.delete(uri, 'disk');
    return undefined;
  }
}
