/**
 * The hover card for one indicator, as markdown. Report text is untrusted and hovers render
 * markdown, so every value is shown defanged inside a code span and every free-text field is
 * defanged and escaped: nothing a report says can become a link, an image or formatting.
 */
import { defang } from '../ioc/refang.js';
import type { IocRecord, IocType } from '../ioc/types.js';
import { rewriteIocs } from './rewriteText.js';
import { confidenceTier } from './vocabulary.js';

/** Where the hovered indicator was read, for the "From" line. */
export interface HoverOrigin {
  /** The report's name when the hover is shown outside it (a `.kql` file). */
  reportName?: string;
  /** How the hovered span relates to the record (see `LocatedIoc.kind`). */
  kind?: 'record' | 'duplicate' | 'mention';
  /** Where that report holds the indicator, when it is not the record the card describes. */
  at?: Pick<IocRecord, 'source' | 'span'>;
}

const TYPE_NAMES: Record<IocType, string> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  cidr: 'IP range (CIDR)',
  domain: 'Domain',
  url: 'URL',
  md5: 'MD5 hash',
  sha1: 'SHA-1 hash',
  sha256: 'SHA-256 hash',
  email: 'Email address',
};

/** Free text longer than this is cut: a hover is a summary, and a cell may be huge. */
const MAX_FREE_TEXT = 120;

/** Markdown describing `ioc`; `origins` lists every report it was read from, first one first. */
export function iocHoverMarkdown(ioc: IocRecord, origins: HoverOrigin[] = [{}]): string {
  const type = TYPE_NAMES[ioc.type] + (ioc.port !== undefined ? ' and port' : '');
  const lines = [`**${type}** ${codeSpan(defang(displayValue(ioc)))}`, ''];
  const field = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') lines.push(`- ${name}: ${value}`);
  };
  field('Threat type', ioc.threatType && freeText(ioc.threatType));
  field('Confidence', ioc.confidence !== undefined ? confidenceText(ioc.confidence) : undefined);
  field('First seen', ioc.firstSeen && freeText(ioc.firstSeen));
  field('Malware family', ioc.family && freeText(ioc.family));
  if (ioc.unicode) {
    // Both spellings matter for look-alike (homograph) domains: what users see, what DNS sees.
    field('Unicode', codeSpan(defang(ioc.unicode)));
    field('Punycode', codeSpan(defang(punycodePart(ioc))));
  }
  for (const origin of origins.slice(0, 3)) field('From', originText(ioc, origin));
  if (origins.length > 3) field('Also in', `${origins.length - 3} more reports`);
  if (ioc.live) field('Note', 'written live (not defanged) in the report');
  return lines.join('\n');
}

/** `75% (High)`: the number the report gave and the tier hunts are triaged by. */
export function confidenceText(confidence: number): string {
  return `${confidence}% (${confidenceTier(confidence)})`;
}

function displayValue(ioc: IocRecord): string {
  if (ioc.port === undefined) return ioc.value;
  return ioc.type === 'ipv6' ? `[${ioc.value}]:${ioc.port}` : `${ioc.value}:${ioc.port}`;
}

/** The ASCII form that goes with `unicode`: the host for URLs and emails, else the value. */
function punycodePart(ioc: IocRecord): string {
  if (ioc.type === 'url') return /^[a-z]+:\/\/([^/?#:]*)/i.exec(ioc.value)?.[1] ?? ioc.value;
  if (ioc.type === 'email') return ioc.value.slice(ioc.value.lastIndexOf('@') + 1);
  return ioc.value;
}

function originText(ioc: IocRecord, origin: HoverOrigin): string {
  const { source, span } = origin.at ?? ioc;
  const read =
    source === 'table' ? `IOC table row, line ${span.line}` : `report text, line ${span.line}`;
  const where =
    origin.kind === 'duplicate'
      ? `${read} (this row repeats it)`
      : origin.kind === 'mention'
        ? `${read} (named again here)`
        : read;
  // A file name is not an indicator (`notes.md` would defang as a Moldovan domain): escape only.
  return origin.reportName ? `${escapeMarkdown(origin.reportName)}, ${where}` : where;
}

/** One line of report text, defanged, clipped and with markdown syntax escaped. */
export function freeText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const clipped = flat.length > MAX_FREE_TEXT ? `${flat.slice(0, MAX_FREE_TEXT - 1)}…` : flat;
  return escapeMarkdown(rewriteIocs(clipped, 'defang'));
}

/** Backslash-escapes every ASCII punctuation character markdown could act on. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&:/@]/g, '\\$&');
}

/** A code span that holds `text` verbatim, whatever backticks it contains. */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
