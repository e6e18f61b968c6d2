/**
 * The tool catalogue: product names that false-positive scenarios use (Kaspersky, ELK Stack,
 * PsExec…) resolved to the process names a hunt can exclude, and publisher names resolved to the
 * company names Defender records. The built-in part is data/exclusion-catalogue.json; users add
 * or override tools in settings or with a CLI file.
 */
import catalogueData from '../../data/exclusion-catalogue.json' with { type: 'json' };

/** A product and the processes it runs. */
export interface ToolEntry {
  name: string;
  /** Spellings a report may use; an all-capitals alias (GPO, MDE) only matches in capitals. */
  aliases: string[];
  /** Lower-case process file names. */
  processes: string[];
}

/** A publisher and the company names its binaries carry in their version information. */
export interface SignerEntry {
  name: string;
  aliases: string[];
  companies: string[];
}

export interface ExclusionCatalogue {
  tools: ToolEntry[];
  signers: SignerEntry[];
}

/** User additions: tool name → process names. A name equal to a built-in tool replaces it. */
export type UserTools = Record<string, readonly string[]>;

const BUILT_IN: ExclusionCatalogue = {
  tools: catalogueData.tools,
  signers: catalogueData.signers,
};

/** The built-in catalogue extended with the user's tools. */
export function exclusionCatalogue(userTools: UserTools = {}): ExclusionCatalogue {
  if (Object.keys(userTools).length === 0) return BUILT_IN;
  const replaced = new Set(Object.keys(userTools).map((name) => name.toLowerCase()));
  const user: ToolEntry[] = Object.entries(userTools).map(([name, processes]) => ({
    name,
    aliases: [name],
    processes: processes.map((p) => p.toLowerCase()),
  }));
  return {
    tools: [...BUILT_IN.tools.filter((t) => !replaced.has(t.name.toLowerCase())), ...user],
    signers: BUILT_IN.signers,
  };
}

/**
 * Reads user tools from untrusted JSON (a settings value or a file): keeps the well-formed
 * entries and describes the rest, so one typo does not discard the user's whole list.
 */
export function readUserTools(value: unknown): { tools: UserTools; problems: string[] } {
  const tools: Record<string, string[]> = {};
  const problems: string[] = [];
  if (value === undefined || value === null) return { tools, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { tools, problems: ['expected an object of tool name → list of process names'] };
  }
  for (const [name, processes] of Object.entries(value as Record<string, unknown>)) {
    const list = Array.isArray(processes) ? processes : [processes];
    const names = list.filter((p): p is string => typeof p === 'string' && isProcessName(p));
    if (name.trim() === '' || names.length === 0 || names.length !== list.length) {
      problems.push(`tool "${name}": expected a list of process file names such as "agent.exe"`);
    }
    if (name.trim() !== '' && names.length > 0) tools[name.trim()] = names;
  }
  return { tools, problems };
}

/** A file name with an extension and no folder: `splunkd.exe`, `filebeat`, not `C:\x\y.exe`. */
export function isProcessName(text: string): boolean {
  return /^[\w$][\w .$()+~-]{0,126}\.[A-Za-z0-9]{1,8}$/.test(text.trim());
}

/**
 * Where `alias` occurs in `text` as whole words: case-insensitive, except for all-capitals
 * acronyms, which would otherwise match ordinary words (SEP in "Sep 12").
 */
export function mentions(text: string, alias: string): { start: number; end: number }[] {
  const pattern = aliasPattern(alias);
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const patterns = new Map<string, RegExp>();

function aliasPattern(alias: string): RegExp {
  const known = patterns.get(alias);
  if (known) return known;
  const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const acronym = /^[A-Z0-9]{2,5}$/.test(alias);
  const pattern = new RegExp(`(?<![\\w.-])${escaped}(?![\\w-]|\\.\\w)`, acronym ? 'g' : 'gi');
  patterns.set(alias, pattern);
  return pattern;
}
