/**
 * Scenario text → structured exclusion: the processes, parent processes, publishers and folders
 * a false-positive scenario names, with products resolved through the tool catalogue. Only a
 * scenario with Filter/Exclusion advice is excluded: a description says what may look like the
 * malware, not what to hide from the hunt, and the report reader flags a scenario without that
 * line as incomplete. With the advice, the title and description are read too, so advice that
 * says "the log management tools" is understood from the products the description names.
 */
import type { TextSpan } from '../ioc/types.js';
import type { Scenario } from '../report/metadata.js';
import {
  exclusionCatalogue,
  isProcessName,
  mentions,
  type ExclusionCatalogue,
} from './catalogue.js';
import { SCENARIO_ROLES, type ScenarioRole } from './columns.js';
import {
  fileRefusal,
  folderRefusalOf,
  processRefusal,
  type RefusalReason,
  type RefusedValue,
} from './refusal.js';

/** What one scenario says to exclude. Process names are lower-case; every list is deduplicated. */
export interface ScenarioExclusion {
  title: string;
  span?: TextSpan;
  /** Folders end in a backslash, so that excluding `C:\Tools\` leaves `C:\ToolsEvil` in. */
  values: Record<ScenarioRole, string[]>;
  /**
   * Files the scenario named by full path (`C:\Tools\agent.exe`). Excluded at that path only:
   * by bare name, the same name anywhere else (an attacker's copy) would drop out too.
   */
  files: string[];
  /** Catalogue tools the scenario named, for explaining where process names came from. */
  tools: string[];
  /** Values the scenario named that kql-hunt refuses to exclude (core/exclusion/refusal.ts). */
  refused: RefusedValue[];
  /** True when a sentence saying what not to exclude was skipped. */
  negated: boolean;
}

/** A sentence that says not to exclude something: its names must not become exclusions. */
const NEGATION =
  /\b(?:do\s+not|don't|never|must\s+not|should\s+not|avoid|unsafe|not\s+(?:be\s+)?exclude)/i;

/** A phrase that makes the names after it the parent of the excluded activity. */
const PARENT_CUE =
  /\b(?:initiated|launched|spawned|started|executed|run|created|invoked)\s+(?:by|from|via)\b|\bparent(?:\s+process(?:es)?)?\b|\bchild(?:ren)?\s+(?:processes\s+)?of\b/gi;
/** A phrase that makes the names after it the excluded processes themselves. */
const PROCESS_CUE =
  /\b(?:tools?|binar(?:y|ies)|process(?:es)?|executables?|such\s+as|like|including|agents?|named|associated\s+with|components?|services?|by\s+(?:the\s+)?(?:tool|agent|process))\b/gi;
const PROCESS_NAME =
  /(?<![\w\\/$.-])[\w$][\w$-]*(?:\.[\w$-]+)*\.(?:exe|scr|bat|cmd|ps1|msi|dll)\b/gi;
const EXECUTABLE = /\.(?:exe|scr|bat|cmd|ps1|msi|dll)$/i;
/**
 * A Windows folder or file path, or one starting with an environment variable (read so that it
 * can be refused and reported, not silently dropped); cut later at the words that end it in prose.
 * A backtick ends it: reports write paths as markdown code (`C:\Tools\`).
 */
const PATH =
  /\b[A-Za-z]:[\\/](?:\(x86\)|[^\n"'`<>|*?;,():])*|%[A-Za-z_][\w()]*%(?:[\\/](?:\(x86\)|[^\n"'`<>|*?;,():])*)?/g;
const PATH_END = /\s+(?:or|and|to|for|when|if|which|that|as|on|in)\s.*$/i;
/** A company name as prose writes it: capitalised words, with a legal suffix kept whole. */
const COMPANY = String.raw`[A-Z][\w&-]*(?:\s+(?:Inc\.|Ltd\.|B\.V\.|[A-Z][\w&-]*))*`;
const SIGNED_BY = new RegExp(
  String.raw`\b(?:signed|published)\s+by\s+(${COMPANY})((?:,?\s+(?:or|and)\s+${COMPANY})*)`,
  'g',
);

/**
 * Readings by catalogue and scenario object. Code actions ask on every cursor move, and a
 * report's scenario objects live as long as the cached reading of its version.
 */
const memo = new WeakMap<ExclusionCatalogue, WeakMap<Scenario, ScenarioExclusion>>();

/** Reads one scenario. The result is shared: callers must not change it. */
export function scenarioExclusion(
  scenario: Scenario,
  catalogue: ExclusionCatalogue = exclusionCatalogue(),
): ScenarioExclusion {
  let byScenario = memo.get(catalogue);
  if (!byScenario) memo.set(catalogue, (byScenario = new WeakMap()));
  const known = byScenario.get(scenario);
  if (known) return known;
  const read = readScenario(scenario, catalogue);
  byScenario.set(scenario, read);
  return read;
}

/**
 * True when the scenario says how to exclude it: a Filter/Exclusion line with text on it. A
 * scenario without one excludes nothing.
 */
export function hasExclusionAdvice(scenario: Scenario): boolean {
  return (scenario.exclusion ?? '').trim() !== '';
}

function readScenario(scenario: Scenario, catalogue: ExclusionCatalogue): ScenarioExclusion {
  const found = new Collector();
  let negated = false;
  const texts = hasExclusionAdvice(scenario)
    ? [scenario.title, scenario.description, scenario.exclusion]
    : [];
  for (const text of texts) {
    if (!text) continue;
    const sentences = text.split(/(?<=[.;!?])\s+/);
    const kept = sentences.filter((sentence) => !NEGATION.test(sentence));
    negated ||= kept.length < sentences.length;
    readText(kept.join(' '), catalogue, found);
  }
  return {
    title: scenario.title,
    ...(scenario.span ? { span: scenario.span } : {}),
    values: found.values,
    files: found.files,
    tools: found.tools,
    refused: found.refused,
    negated,
  };
}

/** True when the scenario names nothing kql-hunt can exclude. */
export function isEmptyExclusion(exclusion: ScenarioExclusion): boolean {
  return (
    exclusion.files.length === 0 &&
    SCENARIO_ROLES.every((role) => exclusion.values[role].length === 0)
  );
}

function readText(text: string, catalogue: ExclusionCatalogue, found: Collector): void {
  // Paths first, so the file names inside them are not read twice.
  let rest = text;
  const paths = new RegExp(PATH);
  for (let match = paths.exec(text); match; match = paths.exec(text)) {
    const path = cutPath(match[0]);
    paths.lastIndex = match.index + Math.max(path.length, 1);
    const parts = path.split(/[\\/]+/);
    const last = parts[parts.length - 1] ?? '';
    if (isProcessName(last) && EXECUTABLE.test(last)) found.addFile(path, parts.slice(0, -1), last);
    else found.addFolder(path, parts);
    rest = rest.replace(path, ' '.repeat(path.length));
  }
  for (const match of rest.matchAll(PROCESS_NAME)) {
    found.add(roleAt(rest, match.index), match[0].toLowerCase());
  }
  // Publishers are read before tools so that "signed by Splunk" does not also exclude Splunk's
  // own processes: the phrase is blanked once read.
  rest = readSigners(rest, catalogue, found);
  for (const tool of catalogue.tools) {
    for (const alias of tool.aliases) {
      const at = mentions(rest, alias);
      if (at.length === 0) continue;
      found.tools.includes(tool.name) || found.tools.push(tool.name);
      for (const { start } of at) {
        for (const process of tool.processes) found.add(roleAt(rest, start), process);
      }
    }
  }
}

/**
 * The path at the start of `text`: up to a file name followed by a space, or a backslash followed
 * by a space (a folder written with its trailing backslash), else up to the first word that goes
 * back to prose.
 */
function cutPath(text: string): string {
  const fileEnd = /\.(?:exe|scr|bat|cmd|ps1|msi|dll)(?=\s)/i.exec(text);
  const folderEnd = text.search(/[\\/]\s/);
  const path =
    fileEnd && (folderEnd < 0 || fileEnd.index < folderEnd)
      ? text.slice(0, fileEnd.index + fileEnd[0].length)
      : folderEnd >= 0
        ? text.slice(0, folderEnd + 1)
        : text.replace(PATH_END, '');
  return path.replace(/[\s.]+$/, '');
}

/** Publishers after "signed by", resolved to company names where the catalogue knows them. */
function readSigners(text: string, catalogue: ExclusionCatalogue, found: Collector): string {
  let rest = text;
  for (const match of text.matchAll(SIGNED_BY)) {
    rest =
      rest.slice(0, match.index) +
      ' '.repeat(match[0].length) +
      rest.slice(match.index + match[0].length);
    const names = [match[1] as string, ...(match[2] ?? '').split(/,?\s+(?:or|and)\s+/)];
    for (const raw of names.map((n) => n.trim()).filter(Boolean)) {
      const signer = catalogue.signers.find((s) => s.aliases.some((a) => sameWords(a, raw)));
      if (signer) signer.companies.forEach((c) => found.add('signer', c));
      // A name the catalogue does not know is kept only when it reads like a company, not the
      // start of the next clause ("signed by Microsoft or known enterprise tools").
      else if (new RegExp(`^${COMPANY}$`).test(raw)) {
        found.add('signer', raw);
      }
    }
  }
  return rest;
}

/** The role of a name at `offset`: set by the nearest cue before it in the same sentence. */
function roleAt(text: string, offset: number): ScenarioRole {
  const before = text.slice(0, offset);
  const ends = [...before.matchAll(/[.;!?](?=\s)|\n/g)];
  const sentence = before.slice(ends.length > 0 ? ends[ends.length - 1]!.index + 1 : 0);
  // Compared by where each cue ends, so "parent process" counts as a parent cue although it
  // ends with the process cue "process".
  const lastEnd = (pattern: RegExp) =>
    Math.max(-1, ...[...sentence.matchAll(pattern)].map((m) => m.index + m[0].length));
  return lastEnd(PARENT_CUE) >= lastEnd(PROCESS_CUE) && lastEnd(PARENT_CUE) >= 0
    ? 'parent'
    : 'process';
}

function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** Values by role, deduplicated case-insensitively in first-seen order. */
class Collector {
  readonly values: Record<ScenarioRole, string[]> = {
    process: [],
    parent: [],
    signer: [],
    path: [],
  };
  readonly files: string[] = [];
  readonly tools: string[] = [];
  readonly refused: RefusedValue[] = [];

  add(role: ScenarioRole, value: string): void {
    const refusal = role === 'process' || role === 'parent' ? processRefusal(value) : undefined;
    if (refusal) this.refuse(value, refusal);
    else pushNew(this.values[role], value);
  }

  /** A folder, written back with one backslash between parts and one at the end. */
  addFolder(written: string, parts: string[]): void {
    const folder = parts.filter((p) => p !== '').join('\\');
    const refusal = folderRefusalOf(folder);
    if (refusal) this.refuse(written, refusal.reason, refusal.hides);
    else pushNew(this.values.path, `${folder}\\`);
  }

  addFile(written: string, folderParts: string[], name: string): void {
    const folder = folderParts.filter((p) => p !== '').join('\\');
    const refusal = fileRefusal(folder, name);
    if (refusal) this.refuse(written, refusal);
    else pushNew(this.files, `${folder}\\${name}`);
  }

  private refuse(value: string, reason: RefusalReason, hides?: string[]): void {
    if (!this.refused.some((r) => r.value.toLowerCase() === value.toLowerCase())) {
      this.refused.push(hides ? { value, reason, hides } : { value, reason });
    }
  }
}

/** Adds `value` unless the list holds it in any case. */
function pushNew(list: string[], value: string): void {
  if (value !== '' && !list.some((v) => v.toLowerCase() === value.toLowerCase())) list.push(value);
}
