/**
 * The `kqlHunt.*` settings the exclusion features read: the dialect (for schema checks), the
 * hunted tables (for report diagnostics) and the user's tools (`kqlHunt.exclusionTools`, tool
 * name → process names). Cached per document by server/settingsCache.ts.
 */
import type { Connection } from 'vscode-languageserver';
import {
  exclusionCatalogue,
  readUserTools,
  type ExclusionCatalogue,
} from '../../core/exclusion/index.js';
import type { Platform } from '../../core/hunt/catalogue.js';
import { SettingsCache } from '../settingsCache.js';

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

/** The exclusion settings' cache for a connection; bad tools are logged once each. */
export function exclusionSettingsCache(
  connection: Connection,
  supportsConfiguration: () => boolean,
): SettingsCache<ExclusionSettings> {
  // Tool problems already logged, so a bad setting is reported once, not per keystroke.
  const warned = new Set<string>();
  const parse = (raw: unknown): ExclusionSettings => {
    const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const { tools, problems } = readUserTools(value.exclusionTools);
    for (const problem of problems) {
      if (warned.has(problem)) continue;
      warned.add(problem);
      connection.console.warn(`kqlHunt.exclusionTools: ${problem}`);
    }
    return {
      platform: value.platform === 'defender' ? 'defender' : 'sentinel',
      tables: Array.isArray(value.tables)
        ? value.tables.filter((t): t is string => typeof t === 'string' && t.trim() !== '')
        : [],
      catalogue: exclusionCatalogue(tools),
      toolProblems: problems,
    };
  };
  return new SettingsCache(connection, supportsConfiguration, DEFAULTS, parse);
}
