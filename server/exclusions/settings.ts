/**
 * The `kqlHunt.*` settings the exclusion features read: the dialect (for schema checks), the
 * hunted tables (for report diagnostics) and the user's tools (`kqlHunt.exclusionTools`, tool
 * name → process names). Fetched per document and cached until the configuration changes.
 */
import type { Connection } from 'vscode-languageserver';
import {
  exclusionCatalogue,
  readUserTools,
  type ExclusionCatalogue,
} from '../../core/exclusion/index.js';
import type { Platform } from '../../core/hunt/catalogue.js';

export interface ExclusionSettings {
  platform: Platform;
  tables: string[];
  catalogue: ExclusionCatalogue;
  /** What was wrong with `kqlHunt.exclusionTools`, if anything. */
  toolProblems: string[];
}

const DEFAULTS: ExclusionSettings = {
  platform: 'sentinel',
  tables: [],
  catalogue: exclusionCatalogue(),
  toolProblems: [],
};

export class ExclusionSettingsCache {
  private readonly byUri = new Map<string, Promise<ExclusionSettings>>();
  /** Tool problems already logged, so a bad setting is reported once, not per keystroke. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
  ) {}

  get(uri: string): Promise<ExclusionSettings> {
    if (!this.supportsConfiguration()) return Promise.resolve(DEFAULTS);
    let pending = this.byUri.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'kqlHunt' })
        .then(
          (raw: unknown) => this.parse(raw),
          (error: unknown) => {
            this.connection.console.warn(`kqlHunt settings unavailable: ${String(error)}`);
            this.byUri.delete(uri);
            return DEFAULTS;
          },
        );
      this.byUri.set(uri, pending);
    }
    return pending;
  }

  clear(): void {
    this.byUri.clear();
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  private parse(raw: unknown): ExclusionSettings {
    const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const { tools, problems } = readUserTools(value.exclusionTools);
    for (const problem of problems) {
      if (this.warned.has(problem)) continue;
      this.warned.add(problem);
      this.connection.console.warn(`kqlHunt.exclusionTools: ${problem}`);
    }
    return {
      platform: value.platform === 'defender' ? 'defender' : 'sentinel',
      tables: Array.isArray(value.tables)
        ? value.tables.filter((t): t is string => typeof t === 'string' && t.trim() !== '')
        : [],
      catalogue: exclusionCatalogue(tools),
      toolProblems: problems,
    };
  }
}
