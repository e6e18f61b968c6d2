/**
 * Classification: decide what kind of indicator a refanged string is, using libraries made
 * for each job (ipaddr.js for addresses, tldts for the public-suffix list, WHATWG URL for URLs)
 * instead of home-made patterns.
 */
import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts';
import { domainToASCII, domainToUnicode } from 'node:url';
import type { IocType } from './types.js';

export interface Classified {
  type: IocType;
  /** Normalised value: lower-case hosts and hashes, IPv4 in dotted quad, IDNs in punycode. */
  value: string;
  port?: number;
  /** Unicode form of an internationalised domain (also for URL and email hosts). */
  unicode?: string;
}

const HASH_TYPES: Record<number, IocType> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
const HEX = /^[0-9a-f]+$/i;
const URL_SCHEME = /^(?:https?|ftps?|wss?):\/\//i;
const PORT = /^\d{1,5}$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Returns the indicator type and normalised value, or undefined when it is none of ours. */
export function classify(value: string): Classified | undefined {
  if (value.length === 0 || value.length > 8192) return undefined;
  if (HEX.test(value)) {
    const type = HASH_TYPES[value.length];
    return type ? { type, value: value.toLowerCase() } : undefined;
  }
  // `*.evil.com` (or `.evil.com` once markdown cleanup took the star) names the domain's
  // subdomains; a domain hunt (has_any) matches those anyway.
  const wildcard = /^\*?\./.exec(value);
  if (wildcard) {
    const host = classifyHost(value.slice(wildcard[0].length));
    return host?.type === 'domain' ? host : undefined;
  }
  if (URL_SCHEME.test(value)) return classifyUrl(value);
  if (value.includes('@')) return classifyEmail(value);
  if (value.includes('/')) return classifyCidr(value) ?? classifySchemelessUrl(value);
  return classifyAddress(value) ?? classifyHost(value);
}

/**
 * A URL written without its scheme (`evil.com/gate.php`, `1.2.3.4:8080/x`), as reports and
 * proxy logs often do. The value keeps that form: hunts match URLs without their scheme anyway.
 */
function classifySchemelessUrl(value: string): Classified | undefined {
  const slash = value.indexOf('/');
  const authority = value.slice(0, slash);
  // `9.9.9.9/33` is a broken range, not a URL whose path is a number.
  if (slash <= 0 || /\s/.test(value) || /^[0-9a-f.:]+\/\d+$/i.test(value)) return undefined;
  // `evil.com/` is the host with a stray slash, not a URL with a path.
  if (slash === value.length - 1) return classifyAddress(authority) ?? classifyHost(authority);
  const hostOnly = authority.replace(/:\d{1,5}$/, '');
  const host = classifyAddress(authority) ?? classifyHost(hostOnly);
  if (!host) return undefined;
  const normalised = authority.toLowerCase() + value.slice(slash);
  return { type: 'url', value: normalised, ...(host.unicode ? { unicode: host.unicode } : {}) };
}

/** An IP address, optionally with a port (`1.2.3.4:443`, `[2001:db8::1]:443`). */
export function classifyAddress(value: string): Classified | undefined {
  let host = value;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1] as string;
    port = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
  } else if (value.split(':').length === 2) {
    const [h, p] = value.split(':') as [string, string];
    if (!PORT.test(p)) return undefined;
    host = h;
    port = Number(p);
  }
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  // ipaddr.js validates by throwing and catching, which is slow for the many values that are
  // no address at all; only a dotted quad of digits is worth asking it about.
  if (DOTTED_QUAD.test(host) && ipaddr.IPv4.isValidFourPartDecimal(host)) {
    return withPort({ type: 'ipv4', value: ipaddr.IPv4.parse(host).toString() }, port);
  }
  if (host.includes(':') && ipaddr.IPv6.isValid(host)) {
    const address = ipaddr.IPv6.parse(host);
    // ipaddr.js writes an IPv4-mapped address in hex (::ffff:102:304); logs and analysts write
    // it with the IPv4 part dotted (::ffff:1.2.3.4), and a hunt must match what logs hold.
    const value = address.isIPv4MappedAddress()
      ? `::ffff:${address.toIPv4Address().toString()}`
      : address.toString();
    return withPort({ type: 'ipv6', value }, port);
  }
  return undefined;
}

function withPort(result: Classified, port: number | undefined): Classified {
  return port === undefined ? result : { ...result, port };
}

function classifyCidr(value: string): Classified | undefined {
  try {
    const [address, bits] = ipaddr.parseCIDR(value);
    if (
      address.kind() === 'ipv4' &&
      !ipaddr.IPv4.isValidFourPartDecimal(value.split('/')[0] ?? '')
    ) {
      return undefined;
    }
    return { type: 'cidr', value: `${address.toString()}/${bits}` };
  } catch {
    return undefined;
  }
}

/** A public host name: valid labels under a suffix on the public-suffix list. */
export function classifyHost(value: string): Classified | undefined {
  const host = value.replace(/\.$/, '');
  if (!host.includes('.') || host.length > 253) return undefined;
  const ascii = domainToASCII(host);
  if (!ascii) return undefined;
  const parsed = parseDomain(ascii);
  if (!parsed.hostname || !parsed.domain || parsed.isIp) return undefined;
  if (!parsed.isIcann && !parsed.isPrivate) return undefined;
  const unicode = domainToUnicode(ascii);
  return { type: 'domain', value: ascii, ...(unicode !== ascii ? { unicode } : {}) };
}

function classifyEmail(value: string): Classified | undefined {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  if (at <= 0 || local.length > 64 || !/^[^\s@"<>()[\],;:]+$/.test(local)) return undefined;
  const host = classifyHost(value.slice(at + 1));
  if (!host) return undefined;
  return {
    type: 'email',
    value: `${local}@${host.value}`.toLowerCase(),
    ...(host.unicode ? { unicode: `${local}@${host.unicode}` } : {}),
  };
}

function classifyUrl(value: string): Classified | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const hostOk = classifyAddress(hostname) !== undefined || classifyHost(hostname) !== undefined;
  if (!hostOk) return undefined;
  // Keep the path exactly as written: only scheme and host are case-insensitive.
  const schemeAndHost = /^[a-z]+:\/\/[^/?#]*/i.exec(value)?.[0] ?? '';
  const normalised = schemeAndHost.toLowerCase() + value.slice(schemeAndHost.length);
  const unicodeHost = domainToUnicode(url.hostname);
  return {
    type: 'url',
    value: normalised,
    ...(unicodeHost && unicodeHost !== url.hostname ? { unicode: unicodeHost } : {}),
  };
}

/** True for hashes of the wrong length: hex strings a report calls a hash but no hash fits. */
export function looksLikeBrokenHash(value: string): boolean {
  return HEX.test(value) && value.length >= 16 && HASH_TYPES[value.length] === undefined;
}
