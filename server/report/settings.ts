/**
 * The `kqlHunt.*` settings the report features read, fetched per document (they are
 * resource-scoped, so each workspace folder may differ) and cached until the client says the
 * configuration changed. Values are checked here: a hand-edited settings.json may hold anything.
 */
import type { Connection } from 'vscode-languageserver';
import {
  EXCLUSION_MODES,
  exclusionCatalogue,
  readUserTools,
  type ExclusionCatalogue,
  type ExclusionMode,
} from '../../core/exclusion/index.js';
import { isLookback } from '../../core/hunt/kqlLiteral.js';
import type { Platform } from '../../core/hunt/catalogue.js';
import { DEFAULT_LOOKBACK } from '../../core/hunt/generate.js';

export interface ReportSettings {
  platform: Platform;
  tables: string[];
  lookback: string;
  minConfidence: number;
  /** How generated hunts carry the report's false-positive scenarios. */
  exclusions: ExclusionMode;
  /** The tool catalogue with `kqlHunt.exclusionTools` added (its problems are logged elsewhere). */
  exclusionCatalogue: ExclusionCatalogue;
}

export const DEFAULT_SETTINGS: ReportSettings = {
  platform: 'sentinel',
  tables: [],
  lookback: DEFAULT_LOOKBACK,
  minConfidence: 0,
  exclusions: 'suggested',
  exclusionCatalogue: exclusionCatalogue(),
};

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<ReportSettings>>();

  /**
   * @param supportsConfiguration whether the client answers `workspace/configuration`; without
   *   it every document uses the defaults.
   */
  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
  ) {}

  /** The settings for `uri`; defaults when the client cannot be asked or the request fails. */
  get(uri: string): Promise<ReportSettings> {
    if (!this.supportsConfiguration()) return Promise.resolve(DEFAULT_SETTINGS);
    let pending = this.byUri.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'kqlHunt' })
        .then(
          (raw: unknown) => parseSettings(raw),
          (error: unknown) => {
            this.connection.console.warn(`kqlHunt settings unavailable: ${String(error)}`);
            this.byUri.delete(uri);
            return DEFAULT_SETTINGS;
          },
        );
      this.byUri.set(uri, pending);
    }
    return pending;
  }

  /** Forget everything: called on `workspace/didChangeConfiguration`. */
  clear(): void {
    this.byUri.clear();
  }

  /** Forget one document's settings when it closes. */
  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** Settings from whatever the client sent, each invalid value replaced by its default. */
export function parseSettings(raw: unknown): ReportSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const platform = value.platform === 'defender' ? 'defender' : 'sentinel';
  const tables = Array.isArray(value.tables)
    ? value.tables.filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    : [];
  const lookback =
    typeof value.lookback === 'string' && isLookback(value.lookback)
      ? value.lookback
      : DEFAULT_LOOKBACK;
  const min = typeof value.minConfidence === 'number' ? value.minConfidence : 0;
  const minConfidence = Number.isFinite(min) ? Math.min(100, Math.max(0, Math.round(min))) : 0;
  const exclusions = EXCLUSION_MODES.includes(value.exclusions as ExclusionMode)
    ? (value.exclusions as ExclusionMode)
    : 'suggested';
  // Problems in the user's tools are reported by the exclusion features' own settings reader.
  const { tools } = readUserTools(value.exclusionTools);
  return {
    platform,
    tables,
    lookback,
    minConfidence,
    exclusions,
    exclusionCatalogue: exclusionCatalogue(tools),
  };
}
