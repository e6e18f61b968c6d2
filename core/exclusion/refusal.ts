/**
 * What kql-hunt never excludes, whatever a report says, and why. A report is untrusted: a hostile
 * one can ask to exclude the folder its own malware runs from, so a folder exclusion is only
 * written for a folder that a user cannot write to without admin rights, that is narrower than
 * a drive or a system folder, and that holds none of the binaries attackers run payloads
 * through. The lists are data/exclusion-never.json.
 */
import neverExclude from '../../data/exclusion-never.json' with { type: 'json' };

export type RefusalReason =
  | 'payload-host'
  | 'payload-folder'
  | 'broad-folder'
  | 'writable-folder'
  | 'drive-root'
  | 'variable'
  | 'relative-path'
  | 'short-name';

/** A value a scenario named that kql-hunt will not exclude, as the scenario wrote it. */
export interface RefusedValue {
  value: string;
  reason: RefusalReason;
  /** For a `payload-folder`: the never-excluded binaries the folder holds, at any depth. */
  hides?: string[];
}

/** Why, as a clause that follows the value in a message. */
export const REFUSAL_TEXT: Record<RefusalReason, string> = {
  'payload-host': 'attackers run payloads through it',
  'payload-folder':
    'it holds binaries attackers run payloads through; exclude a file there by its full path instead',
  'broad-folder': 'it holds most activity on a machine',
  'writable-folder': 'any user can write there, so malware is staged there',
  'drive-root': 'a drive root is too broad, and users can write to most of them',
  variable:
    'kql-hunt cannot expand the environment variable, and the hunted column holds expanded paths',
  'relative-path': 'its . or .. segments can point anywhere',
  'short-name':
    'an 8.3 short name such as PROGRA~1 can stand for more than one folder, so kql-hunt cannot tell what it would hide',
};

/** How many of the binaries a folder would hide a message names before "and N more". */
const NAMED_IN_TEXT = 5;

/** Why `refused` is refused, naming what a refused folder would hide. */
export function refusalText(refused: RefusedValue): string {
  const hides = refused.hides ?? [];
  if (refused.reason !== 'payload-folder' || hides.length === 0) {
    return REFUSAL_TEXT[refused.reason];
  }
  const named = hides.slice(0, NAMED_IN_TEXT);
  const rest = hides.length - named.length;
  const list =
    rest > 0
      ? `${named.join(', ')} and ${rest} more`
      : named.length > 1
        ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
        : named[0];
  return `it holds ${list}, which attackers run payloads through; exclude a file there by its full path instead`;
}

const PROCESS_ORDER = neverExclude.processes.map((p) => p.toLowerCase());
const PROCESSES = new Set(PROCESS_ORDER);
/** Folders without their drive letter, lower-case: `\windows\system32`. */
const withoutDrive = (folder: string) => folder.toLowerCase().replace(/^[a-z]:/, '');
const BROAD = new Set(neverExclude.broadFolders.map(withoutDrive));
const WRITABLE = neverExclude.writableFolders.map(withoutDrive);
const WRITABLE_SEGMENTS = new Set(neverExclude.writableSegments.map((s) => s.toLowerCase()));
const USER_VARIABLES = new Set(neverExclude.userVariables.map((v) => v.toLowerCase()));
const SYSTEM_VARIABLES = new Map(
  Object.entries(neverExclude.systemVariables).map(([name, folder]) => [
    name.toLowerCase(),
    folder,
  ]),
);

/** A folder of payloadFolders: one pattern per folder name, and what the folder holds. */
interface PayloadFolder {
  names: RegExp[];
  holds: string[];
}

const PAYLOAD_FOLDERS: readonly PayloadFolder[] = neverExclude.payloadFolders.map((entry) => ({
  names: withoutDrive(entry.folder)
    .split('\\')
    .filter((s) => s !== '')
    .map((name) => new RegExp(`^${name.split('*').map(escapeRegExp).join('[^\\\\/]*')}$`)),
  holds: entry.holds.map((p) => p.toLowerCase()),
}));

/** An 8.3 short name: up to six characters, a tilde and a digit, an optional extension. */
const SHORT_NAME = /~\d+(?:\.[^.]*)?$/;

export function processRefusal(name: string): RefusalReason | undefined {
  return PROCESSES.has(name.toLowerCase()) ? 'payload-host' : undefined;
}

/**
 * Why `folder` may not be excluded, or undefined when it may. Drive letters are ignored: the
 * system drive is not always C:, and a hostile report could name another one.
 */
export function folderRefusal(folder: string): RefusalReason | undefined {
  return folderRefusalOf(folder)?.reason;
}

/** {@link folderRefusal}, with the binaries a `payload-folder` would hide. */
export function folderRefusalOf(
  folder: string,
): { reason: RefusalReason; hides?: string[] } | undefined {
  const variable = /^%([^%\\/]+)%/.exec(folder);
  if (variable) {
    const name = variable[0].toLowerCase();
    if (USER_VARIABLES.has(name)) return { reason: 'writable-folder' };
    // A system variable is expanded only to say what the folder would hide: the exclusion itself
    // is never written, since the hunted column holds expanded paths.
    const expanded = SYSTEM_VARIABLES.get(name);
    const refusal = expanded
      ? folderRefusalOf(`${expanded}${folder.slice(variable[0].length)}`)
      : undefined;
    return refusal && refusal.reason !== 'broad-folder' ? refusal : { reason: 'variable' };
  }
  const drive = /^[A-Za-z]:(.*)$/s.exec(folder);
  if (!drive) return { reason: 'relative-path' };
  const written = (drive[1] as string)
    .toLowerCase()
    .split(/[\\/]+/)
    .filter((s) => s !== '');
  if (written.length === 0) return { reason: 'drive-root' };
  // Windows reads `..` and `...` alike, and drops the dots and spaces that end a name.
  if (written.some((s) => /^[. ]+$/.test(s))) return { reason: 'relative-path' };
  const segments = written.map((s) => s.replace(/[. ]+$/, ''));
  // 32-bit programs reach System32 as Sysnative.
  if (segments[0] === 'windows' && segments[1] === 'sysnative') segments[1] = 'system32';
  const path = `\\${segments.join('\\')}`;
  if (WRITABLE.some((w) => path === w || path.startsWith(`${w}\\`))) {
    return { reason: 'writable-folder' };
  }
  if (segments.some((s) => WRITABLE_SEGMENTS.has(s))) return { reason: 'writable-folder' };
  if (segments.some((s) => SHORT_NAME.test(s))) return { reason: 'short-name' };
  const hides = payloadsIn(segments);
  if (hides.length > 0) return { reason: 'payload-folder', hides };
  return BROAD.has(path) ? { reason: 'broad-folder' } : undefined;
}

/**
 * The never-excluded binaries that a folder exclusion on `segments` would hide: those of every
 * payload folder that is the folder itself or lies anywhere beneath it, in the order of the
 * processes list.
 */
function payloadsIn(segments: readonly string[]): string[] {
  const found = new Set<string>();
  for (const payload of PAYLOAD_FOLDERS) {
    if (segments.length > payload.names.length) continue;
    if (segments.every((s, i) => payload.names[i]!.test(s))) {
      for (const name of payload.holds) found.add(name);
    }
  }
  return PROCESS_ORDER.filter((name) => found.has(name));
}

/**
 * Why the file at `path` may not be excluded. A single file in a broad system folder, or beside
 * the binaries attackers use, is narrow enough to exclude by its full path; in any other
 * refused folder, an attacker can put a file of that name there. A path that starts with a
 * variable is never written, whatever its folder holds.
 */
export function fileRefusal(folder: string, name: string): RefusalReason | undefined {
  const byName = processRefusal(name);
  if (byName) return byName;
  if (SHORT_NAME.test(name)) return 'short-name';
  const byFolder = folderRefusal(folder);
  if (byFolder !== 'broad-folder' && byFolder !== 'payload-folder') return byFolder;
  return folder.startsWith('%') ? 'variable' : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
