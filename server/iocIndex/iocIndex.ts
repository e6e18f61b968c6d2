/**
 * Which reports name which indicators, across the open editors and the workspace on disk:
 * what a hover in a `.kql` file draws on. An open document's reading replaces its file's on
 * disk for as long as it is open, so unsaved edits show at once.
 */
import type { IocRecord } from '../../core/ioc/types.js';
import { identity } from '../../core/report/iocLocator.js';
import type { Report } from '../../core/report/readReport.js';

/** One report's record of an indicator. */
export interface IndexedIoc {
  uri: string;
  ioc: IocRecord;
}

interface ReportEntry {
  /** The URI as the client or the scan spelled it. */
  uri: string;
  /** Identity key (exact and port-less) → the first record with it. */
  records: Map<string, IocRecord>;
}

export type IndexSource = 'open' | 'disk';

export class IocIndex {
  private readonly open = new Map<string, ReportEntry>();
  private readonly disk = new Map<string, ReportEntry>();
  /** Identity key → the URIs whose effective reading holds it. */
  private readonly uris = new Map<string, Set<string>>();

  /** Records (or replaces) a report's indicators; a report without any is removed. */
  set(uri: string, source: IndexSource, report: Report): void {
    const display = uri;
    uri = canonical(uri);
    const before = this.effective(uri);
    const records = new Map<string, IocRecord>();
    for (const ioc of report.iocs) {
      for (const key of keysOf(ioc)) if (!records.has(key)) records.set(key, ioc);
    }
    const table = source === 'open' ? this.open : this.disk;
    if (records.size > 0) table.set(uri, { uri: display, records });
    else table.delete(uri);
    this.reindex(uri, before);
  }

  /** Forgets a report: its editor closed (the disk copy takes over) or its file is gone. */
  delete(uri: string, source: IndexSource): void {
    uri = canonical(uri);
    const before = this.effective(uri);
    (source === 'open' ? this.open : this.disk).delete(uri);
    this.reindex(uri, before);
  }

  /** True when the report's disk copy is indexed (used to bound the workspace scan). */
  hasDisk(uri: string): boolean {
    return this.disk.has(canonical(uri));
  }

  get reportCount(): number {
    return new Set([...this.open.keys(), ...this.disk.keys()]).size;
  }

  /**
   * Reports naming the indicator `value` (already classified): an exact match on type, value
   * and port first; a bare address also finds the `ip:port` rows of that address.
   */
  lookup(ioc: { type: string; value: string; port?: number | undefined }): IndexedIoc[] {
    const exact = identity(ioc);
    const key = this.uris.has(exact) ? exact : identity({ ...ioc, port: undefined });
    const found: IndexedIoc[] = [];
    for (const uri of this.uris.get(key) ?? []) {
      const entry = this.effective(uri);
      const record = entry?.records.get(key);
      if (entry && record) found.push({ uri: entry.uri, ioc: record });
    }
    // Open editors first, then by name, so the same hover always lists reports the same way.
    return found.sort(
      (a, b) =>
        Number(this.open.has(canonical(b.uri))) - Number(this.open.has(canonical(a.uri))) ||
        a.uri.localeCompare(b.uri),
    );
  }

  private effective(uri: string): ReportEntry | undefined {
    return this.open.get(uri) ?? this.disk.get(uri);
  }

  private reindex(uri: string, before: ReportEntry | undefined): void {
    const after = this.effective(uri);
    if (before === after) return;
    for (const key of before?.records.keys() ?? []) {
      const set = this.uris.get(key);
      set?.delete(uri);
      if (set && set.size === 0) this.uris.delete(key);
    }
    for (const key of after?.records.keys() ?? []) {
      let set = this.uris.get(key);
      if (!set) this.uris.set(key, (set = new Set()));
      set.add(uri);
    }
  }
}

/**
 * One spelling per file: VS Code percent-encodes characters (`@`, `[`, `:`) that Node's
 * `pathToFileURL` leaves alone, so the same report could otherwise be indexed twice.
 */
function canonical(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** The exact key, and the port-less one through which a bare address finds `ip:port` rows. */
function keysOf(ioc: IocRecord): string[] {
  const exact = identity(ioc);
  return ioc.port === undefined ? [exact] : [exact, identity({ ...ioc, port: undefined })];
}
