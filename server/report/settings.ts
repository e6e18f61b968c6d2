/**
 * The `kqlHunt.*` settings the report features read, checked value by value; cached per
 * document by server/settingsCache.ts.
 */
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
