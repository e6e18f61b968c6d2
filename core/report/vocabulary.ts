/** Lookups over data/report-vocabulary.json: how reports name columns, types and confidence. */
import vocabulary from '../../data/report-vocabulary.json' with { type: 'json' };
import type { IocType } from '../ioc/types.js';

/** Lower-case letters and digits only: 'Threat Type' and 'threat_type' both become 'threattype'. */
export function normaliseLabel(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export type ColumnRole = keyof typeof vocabulary.columns;

/** What a claimed type allows: one of ours, 'ip' (v4 or v6, maybe with port) or any 'hash'. */
export type ClaimedType = IocType | 'ip' | 'hash';

function invert<K extends string>(table: Record<K, string[]>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [key, names] of Object.entries(table) as [K, string[]][]) {
    for (const name of names) map.set(name, key);
  }
  return map;
}

const ROLE_BY_HEADER = invert(vocabulary.columns as Record<ColumnRole, string[]>);
const VALUE_TYPE_BY_HEADER = invert(vocabulary.valueColumnsByType as Record<ClaimedType, string[]>);
const TYPE_BY_NAME = invert(vocabulary.types as Record<ClaimedType, string[]>);

/** The role of a table column from its header text, if it is one we read. */
export function columnRole(header: string): ColumnRole | undefined {
  return ROLE_BY_HEADER.get(normaliseLabel(header));
}

/** For tables like `| IP | Port |`: the type a column's header says its values are. */
export function valueColumnType(header: string): ClaimedType | undefined {
  return VALUE_TYPE_BY_HEADER.get(normaliseLabel(header));
}

/** The type a report's type cell claims (`ip:port`, `SHA-256`, `FQDN` …), if we know it. */
export function claimedType(cell: string): ClaimedType | undefined {
  return TYPE_BY_NAME.get(normaliseLabel(cell));
}

/** True when a detected type satisfies the claimed one. */
export function typeMatchesClaim(actual: IocType, claim: ClaimedType): boolean {
  if (claim === 'ip') return actual === 'ipv4' || actual === 'ipv6';
  if (claim === 'hash') return actual === 'md5' || actual === 'sha1' || actual === 'sha256';
  return actual === claim;
}

/** Confidence named in words ('High'), or undefined when the word is not one we know. */
export function confidenceWord(text: string): number | null | undefined {
  const words = vocabulary.confidenceWords as Record<string, number | null>;
  const key = normaliseLabel(text);
  return key in words ? (words[key] ?? null) : undefined;
}

/** 'High', 'Medium' or 'Low' for a 0–100 confidence. */
export function confidenceTier(confidence: number): 'High' | 'Medium' | 'Low' {
  if (confidence >= vocabulary.confidenceTiers.high) return 'High';
  if (confidence >= vocabulary.confidenceTiers.medium) return 'Medium';
  return 'Low';
}

/** Metadata line keys (`Malware Family:`) by what they name. */
export const METADATA_KEYS = vocabulary.metadataKeys;
