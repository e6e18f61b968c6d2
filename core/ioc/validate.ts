/**
 * Hygiene checks on one classified indicator: addresses that cannot be an attacker's, values
 * that match everyone's ordinary activity, file names posing as domains, and hidden characters.
 * Checks that need the whole report (duplicates, a row's claimed type) live with the reader.
 */
import ipaddr from 'ipaddr.js';
import specialRanges from '../../data/special-addresses.json' with { type: 'json' };
import fileExtensions from '../../data/file-extensions.json' with { type: 'json' };
import benignValues from '../../data/benign-values.json' with { type: 'json' };
import type { Classified } from './classify.js';
import type { ProblemCode, Severity } from './types.js';

export interface Finding {
  code: ProblemCode;
  severity: Severity;
  message: string;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
const DOCUMENTATION: Range[] = specialRanges.documentation.map((r) => ipaddr.parseCIDR(r));
const BENCHMARKING: Range[] = specialRanges.benchmarking.map((r) => ipaddr.parseCIDR(r));
const FILE_EXTENSIONS = new Set(fileExtensions.extensions);
/** Public resolver address (in ipaddr.js's normal form) → who runs it. */
const RESOLVERS = new Map(
  Object.entries(benignValues.resolvers).flatMap(([owner, addresses]) =>
    addresses.map((a) => [ipaddr.parse(a).toNormalizedString(), owner] as const),
  ),
);
const EMPTY_FILE_HASHES = new Set(Object.values(benignValues.emptyFileHashes));

/** ipaddr.js range names → how we describe them. Anything not listed is routable. */
const RANGE_PROBLEMS: Record<string, [ProblemCode, string]> = {
  private: ['private-address', 'a private (RFC 1918) address'],
  uniqueLocal: ['private-address', 'a unique-local (private) IPv6 address'],
  carrierGradeNat: ['private-address', 'a carrier-grade NAT (shared) address'],
  loopback: ['reserved-address', 'a loopback address'],
  linkLocal: ['reserved-address', 'a link-local address'],
  multicast: ['reserved-address', 'a multicast address'],
  broadcast: ['reserved-address', 'the broadcast address'],
  unspecified: ['reserved-address', 'the unspecified address'],
  reserved: ['reserved-address', 'a reserved address'],
};

/** Findings whose indicator is left out of hunts: every such message says so. */
const LEFT_OUT = new Set<ProblemCode>([
  'private-address',
  'reserved-address',
  'benign-value',
  'broad-range',
]);

/** Returns what is wrong with an indicator that classified correctly, if anything. */
export function validate(ioc: Pick<Classified, 'type' | 'value' | 'unicode'>): Finding[] {
  switch (ioc.type) {
    case 'ipv4':
    case 'ipv6':
      return [...checkAddress(ioc.value), ...checkResolver(ioc.value)];
    case 'cidr': {
      // A private or reserved range is left out already; its size would be a second reason.
      const address = checkAddress(ioc.value.split('/')[0] as string);
      return address.length > 0 ? address : checkRange(ioc.value);
    }
    case 'domain':
      return checkDomain(ioc.value, ioc.unicode);
    case 'url': {
      const address = urlAddress(ioc.value);
      if (address) return checkAddress(address);
      // The Unicode form is the URL's host, so the message pairs it with the host, not the URL.
      return ioc.unicode ? [homographWarning(ioc.unicode, hostOf(ioc.value))] : [];
    }
    case 'email':
      return ioc.unicode ? [homographWarning(ioc.unicode, ioc.value)] : [];
    case 'md5':
    case 'sha1':
    case 'sha256':
      return EMPTY_FILE_HASHES.has(ioc.value.toLowerCase())
        ? [
            problem(
              'benign-value',
              `${ioc.value} is the ${ioc.type.toUpperCase()} of an empty file, ` +
                'which every machine has: left out of hunts',
            ),
          ]
        : [];
    default:
      return [];
  }
}

/**
 * False for values that are never a real attacker's or that everyone's ordinary activity
 * matches: private, loopback, reserved and documentation addresses, public DNS resolvers, the
 * hashes of an empty file, internet-sized ranges. Hunting them would flood results with the
 * organisation's own traffic. Decided by validate's own findings, so a value is left out exactly
 * when the user is told it is.
 */
export function isHuntable(ioc: Pick<Classified, 'type' | 'value'>): boolean {
  try {
    return !validate(ioc).some((finding) => LEFT_OUT.has(finding.code));
  } catch {
    // Records from readReport always hold a valid value; one built elsewhere may not, and
    // planning must not throw on it: an unreadable address is nobody's private range.
    return true;
  }
}

/** The host of a URL written with or without its scheme. */
function hostOf(url: string): string {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`).hostname;
  } catch {
    return '';
  }
}

/** The URL's host when it is an IP address (IPv6 without its brackets), else undefined. */
function urlAddress(url: string): string | undefined {
  const host = hostOf(url).replace(/^\[(.*)\]$/, '$1');
  return host && ipaddr.isValid(host) && (host.includes(':') || /^[\d.]+$/.test(host))
    ? host
    : undefined;
}

function resolverOwner(value: string): string | undefined {
  return RESOLVERS.get(ipaddr.parse(value).toNormalizedString());
}

function checkAddress(value: string): Finding[] {
  let address = ipaddr.parse(value);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  const inRange = (ranges: Range[]) =>
    ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
  if (inRange(DOCUMENTATION)) {
    return [
      problem(
        'reserved-address',
        `${value} is a documentation address (never routed): left out of hunts`,
      ),
    ];
  }
  if (inRange(BENCHMARKING)) {
    return [
      problem(
        'reserved-address',
        `${value} is a benchmarking address (never routed): left out of hunts`,
      ),
    ];
  }
  const named = RANGE_PROBLEMS[address.range()];
  return named
    ? [problem(named[0], `${value} is ${named[1]}, not attacker infrastructure: left out of hunts`)]
    : [];
}

/**
 * Shortest prefixes hunted. A /15 IPv4 range already spans 131,072 addresses, most of them
 * someone else's: such a range in a report is a typo or a whole provider, and hunting it floods
 * the results. Bulletproof-hosting ranges in real reports are /24 to /16 for IPv4, and up to a
 * provider's whole /29 allocation for IPv6.
 */
const MIN_PREFIX = { ipv4: 16, ipv6: 24 } as const;

function isTooBroad(cidr: string): boolean {
  const [address, bits] = ipaddr.parseCIDR(cidr);
  return bits < MIN_PREFIX[address.kind()];
}

function checkRange(cidr: string): Finding[] {
  const [address, bits] = ipaddr.parseCIDR(cidr);
  const findings: Finding[] = [];
  if (isTooBroad(cidr)) {
    const size = address.kind() === 'ipv4' ? `2^${32 - bits}` : `2^${128 - bits}`;
    findings.push(
      problem(
        'broad-range',
        `${cidr} spans ${size} addresses, most of them not the attacker's: left out of hunts ` +
          `(ranges shorter than /${MIN_PREFIX[address.kind()]} are not hunted)`,
      ),
    );
  }
  const network = ipaddr.parse(networkOf(address, bits));
  if (network.toNormalizedString() !== address.toNormalizedString()) {
    findings.push({
      code: 'host-bits',
      severity: 'info',
      message: `${cidr} has host bits set: it is hunted as the whole range ${network.toString()}/${bits}`,
    });
  }
  return findings;
}

/** The network address of `address/bits` (host bits cleared). */
function networkOf(address: ipaddr.IPv4 | ipaddr.IPv6, bits: number): string {
  const bytes = address.toByteArray();
  const width = bytes.length * 8;
  for (let bit = bits; bit < width; bit++) {
    const index = bit >> 3;
    bytes[index] = (bytes[index] as number) & ~(0x80 >> (bit & 7));
  }
  return ipaddr.fromByteArray(bytes).toString();
}

function checkResolver(value: string): Finding[] {
  const owner = resolverOwner(value);
  return owner
    ? [
        problem(
          'benign-value',
          `${value} is ${owner}, a public resolver that ordinary clients query all day: left out of hunts`,
        ),
      ]
    : [];
}

function checkDomain(value: string, unicode: string | undefined): Finding[] {
  const findings: Finding[] = [];
  const tld = value.slice(value.lastIndexOf('.') + 1);
  if (FILE_EXTENSIONS.has(tld)) {
    findings.push(
      problem(
        'filename-like-domain',
        `${value} looks like a file name (.${tld}); is it really a domain?`,
      ),
    );
  }
  if (unicode) findings.push(homographWarning(unicode, value));
  return findings;
}

function homographWarning(unicode: string, ascii: string): Finding {
  return {
    code: 'suspicious-characters',
    severity: 'warning',
    message: `internationalised name ${unicode} (punycode ${ascii}): check for look-alike characters`,
  };
}

function problem(code: ProblemCode, message: string): Finding {
  return { code, severity: 'warning', message };
}

/** True when the value's host ends in a file extension and not a registrable domain at all. */
export function isFileName(value: string): boolean {
  const dot = value.lastIndexOf('.');
  return dot > 0 && FILE_EXTENSIONS.has(value.slice(dot + 1).toLowerCase());
}
