/** The IOC kinds kql-hunt understands. An `ip:port` indicator is an IP type with a `port`. */
export type IocType =
  'ipv4' | 'ipv6' | 'cidr' | 'domain' | 'url' | 'md5' | 'sha1' | 'sha256' | 'email';

export const IOC_TYPES: readonly IocType[] = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'md5',
  'sha1',
  'sha256',
  'email',
];

/** Half-open character range `[start, end)` into the report text, with the 1-based line of start. */
export interface TextSpan {
  start: number;
  end: number;
  line: number;
}

/** Where an indicator was found: a row of an IOC table carries metadata; free text carries none. */
export type IocSource = 'table' | 'text';

/** One indicator of compromise as read from a report. Built once per document version. */
export interface IocRecord {
  type: IocType;
  /** Refanged, normalised value (lower-case host names and hashes). */
  value: string;
  port?: number;
  /** The text exactly as the report wrote it (still defanged). */
  original: string;
  span: TextSpan;
  source: IocSource;
  threatType?: string;
  /** ISO date (YYYY-MM-DD) when the report gave one. */
  firstSeen?: string;
  /** 0–100. */
  confidence?: number;
  family?: string;
  /** True when the original text was not defanged: a live, clickable indicator. */
  live: boolean;
  /** For internationalised domains, the Unicode form of the punycode `value`. */
  unicode?: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A hygiene problem found while reading a report. Codes are stable: quick fixes key on them. */
export interface Problem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  span: TextSpan;
}

export type ProblemCode =
  | 'private-address'
  | 'reserved-address'
  | 'benign-value'
  | 'broad-range'
  | 'host-bits'
  | 'extra-cells'
  | 'malformed-value'
  | 'type-mismatch'
  | 'unknown-type'
  | 'bad-hash-length'
  | 'filename-like-domain'
  | 'duplicate'
  | 'low-confidence'
  | 'live-ioc'
  | 'suspicious-characters'
  | 'bad-confidence'
  | 'bad-date'
  | 'scenario-incomplete'
  | 'no-iocs'
  /** The editor did not read the document: it is over the server's size limit. */
  | 'too-large';
