// Deterministic benchmark corpora: report prose with defanged indicators in every style, and
// IOC-table reports of a chosen size. Same seed, same bytes, on every machine.

/** A small seeded PRNG (mulberry32): benchmarks must not depend on Math.random. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];
const hex = (r, n) =>
  Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const word = (r) =>
  pick(r, ['lumen', 'cobalt', 'vertex', 'harbor', 'quartz', 'nimbus', 'solace', 'ember']);
const TLDS = ['com', 'net', 'org', 'ru', 'top', 'xyz', 'info', 'duckdns.org', 'co.uk'];

/** A public-looking IPv4 address (first octet kept out of private and reserved ranges). */
export function ipv4(r) {
  return `${pick(r, [45, 91, 103, 172, 185, 194, 213])}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`;
}
export function domain(r) {
  return `${word(r)}-${hex(r, 4)}.${pick(r, TLDS)}`;
}

/** Every defang style the product claims to undo, as [name, defang(value)] pairs. */
export const DEFANGS = {
  '[.]': (v) => v.replaceAll('.', '[.]'),
  '(.)': (v) => v.replaceAll('.', '(.)'),
  '{.}': (v) => v.replaceAll('.', '{.}'),
  '[dot]': (v) => v.replaceAll('.', '[dot]'),
  '(dot)': (v) => v.replaceAll('.', '(dot)'),
  'md escape \\.': (v) => v.replaceAll('.', '\\.'),
  'zero-width': (v) => v.replace('.', '\u200b.'),
  none: (v) => v,
};
export const URL_DEFANGS = {
  'hxxp[.]': (u) => u.replace(/^http/, 'hxxp').replaceAll('.', '[.]'),
  'hXXps[:]//': (u) => u.replace(/^https?:/, 'hXXps[:]').replaceAll('.', '[.]'),
  'HXXP[://]': (u) => u.replace(/^http(s?):\/\//, 'HXXP$1[://]').replaceAll('.', '[.]'),
  'hxxp:[/][/]': (u) => u.replace(/^http(s?):\/\//, 'hxxp$1:[/][/]').replaceAll('.', '[.]'),
  'hxxps[://]': (u) => u.replace(/^https?:\/\//, 'hxxps[://]').replaceAll('.', '[.]'),
};
export const EMAIL_DEFANGS = {
  '[@]': (e) => e.replace('@', '[@]').replaceAll('.', '[.]'),
  '[at]': (e) => e.replace('@', '[at]').replaceAll('.', '[.]'),
};

const PROSE = [
  'The loader contacted its command server shortly after execution, retrying every sixty seconds.',
  'Analysts observed the implant staging a second payload from cloud storage before beaconing.',
  'Persistence was established through a scheduled task named after a legitimate updater.',
  'Traffic blended with ordinary HTTPS and used a self-signed certificate with a stale serial.',
  'See the vendor write-up (section 4.2) for the decryption routine, e.g. the XOR key schedule.',
];

/**
 * One generated report in prose form: paragraphs that mention indicators inline, with the
 * sentence punctuation around them that real write-ups have. Returns the text and the exact
 * set of refanged values it holds (what a perfect extractor finds).
 */
export function proseReport(r, indicators = 40) {
  const lines = [`# ${word(r)} campaign notes`, ''];
  const truth = new Set();
  for (let i = 0; i < indicators; i++) {
    const kind = Math.floor(r() * 6);
    let live;
    let shown;
    if (kind === 0) {
      live = ipv4(r);
      shown = pick(r, ['[.]', '(.)', '{.}', '[dot]', 'none']);
      shown = DEFANGS[shown](live);
    } else if (kind === 1) {
      live = domain(r);
      shown = DEFANGS[pick(r, Object.keys(DEFANGS))](live);
    } else if (kind === 2) {
      live = `https://${domain(r)}/${word(r)}/${hex(r, 6)}.php`;
      shown = URL_DEFANGS[pick(r, Object.keys(URL_DEFANGS))](live);
    } else if (kind === 3) {
      live = `${word(r)}@${domain(r)}`;
      shown = EMAIL_DEFANGS[pick(r, Object.keys(EMAIL_DEFANGS))](live);
    } else {
      live = hex(r, pick(r, [32, 40, 64]));
      shown = live;
    }
    truth.add(live.toLowerCase());
    const wrap = pick(r, ['`%`', '(%)', '%,', '%.', '"%"', '**%**', '% ', '%\u00a0']);
    lines.push(
      `${pick(r, PROSE)} The sample reached ${wrap.replace('%', shown)} ${pick(r, PROSE)}`,
    );
    if (r() < 0.3) lines.push('');
  }
  return { text: lines.join('\n') + '\n', truth };
}

/** An IOC-table report with `count` rows, in the shape of the example report. */
export function tableReport(count, seed = 1) {
  const r = rng(seed);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0)
      rows.push(
        `| ip:port | ${DEFANGS['[.]'](ipv4(r))}:${1024 + (i % 60000)} | botnet_cc | 2026-04-20 | 75% |`,
      );
    else if (kind === 1)
      rows.push(
        `| domain | ${DEFANGS['[.]'](`n${i}.${domain(r)}`)} | botnet_cc | 2026-04-20 | 75% |`,
      );
    else if (kind === 2)
      rows.push(
        `| url | hxxps://${DEFANGS['[.]'](domain(r))}/p/${i} | payload_delivery | 2026-04-20 | 80% |`,
      );
    else rows.push(`| sha256_hash | ${hex(r, 64)} | payload | 2026-04-20 | 90% |`);
  }
  return [
    `# Generated report (${count} IOCs)`,
    'Malware Family: Remcos Total IOCs: ' + count,
    '| Type | Value | Threat Type | First Seen | Confidence |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Scenario: Admin Tool Execution',
    'Description: An administrator may use tools like PsExec.',
    'Filter/Exclusion: Exclude processes launched by PsExec.',
    '',
  ].join('\n');
}
