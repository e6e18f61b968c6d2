/**
 * What kql-hunt never excludes, whatever a report says, and why. A report is untrusted: a hostile
 * one can ask to exclude the folder its own malware runs from, so a folder exclusion is only
 * written for a folder that a user cannot write to without admin rights and that is narrower
 * than a drive or a system folder. The lists are data/exclusion-never.json.
 */
import neverExclude from '../../data/exclusion-never.json' with { type: 'json' };

export type RefusalReason =
  'payload-host' | 'broad-folder' | 'writable-folder' | 'drive-root' | 'variable' | 'relative-path';

/** A value a scenario named that kql-hunt will not exclude, as the scenario wrote it. */
export interface RefusedValue {
  value: string;
  reason: RefusalReason;
}

/** Why, as a clause that follows the value in a message. */
export const REFUSAL_TEXT: Record<RefusalReason, string> = {
  'payload-host': 'attackers run payloads through it',
  'broad-folder': 'it holds most activity on a machine',
  'writable-folder': 'any user can write there, so malware is staged there',
  'drive-root': 'a drive root is too broad, and users can write to most of them',
  variable:
    'kql-hunt cannot expand the environment variable, and the hunted column holds expanded paths',
  'relative-path': 'its . or .. segments can point anywhere',
};

const PROCESSES = new Set(neverExclude.processes.map((p) => p.toLowerCase()));
/** Folders without their drive letter, lower-case: `\windows\system32`. */
const withoutDrive = (folder: string) => folder.toLowerCase().replace(/^[a-z]:/, '');
const BROAD = new Set(neverExclude.broadFolders.map(withoutDrive));
const WRITABLE = neverExclude.writableFolders.map(withoutDrive);
const WRITABLE_SEGMENTS = new Set(neverExclude.writableSegments.map((s) => s.toLowerCase()));
const USER_VARIABLES = new Set(neverExclude.userVariables.map((v) => v.toLowerCase()));

export function processRefusal(name: string): RefusalReason | undefined {
  return PROCESSES.has(name.toLowerCase()) ? 'payload-host' : undefined;
}

/**
 * Why `folder` may not be excluded, or undefined when it may. Drive letters are ignored: the
 * system drive is not always C:, and a hostile report could name another one.
 */
export function folderRefusal(folder: string): RefusalReason | undefined {
  const variable = /^%([^%\\/]+)%/.exec(folder);
  if (variable) {
    return USER_VARIABLES.has(variable[0].toLowerCase()) ? 'writable-folder' : 'variable';
  }
  const drive = /^[A-Za-z]:(.*)$/s.exec(folder);
  if (!drive) return 'relative-path';
  const segments = (drive[1] as string)
    .toLowerCase()
    .split(/[\\/]+/)
    .filter((s) => s !== '');
  if (segments.length === 0) return 'drive-root';
  if (segments.some((s) => s === '.' || s === '..')) return 'relative-path';
  const path = `\\${segments.join('\\')}`;
  if (WRITABLE.some((w) => path === w || path.startsWith(`${w}\\`))) return 'writable-folder';
  if (segments.some((s) => WRITABLE_SEGMENTS.has(s))) return 'writable-folder';
  return BROAD.has(path) ? 'broad-folder' : undefined;
}

/**
 * Why the file at `path` may not be excluded. A single file in a broad system folder is narrow
 * enough to exclude by its full path; in any other refused folder, an attacker can put a file
 * of that name there.
 */
export function fileRefusal(folder: string, name: string): RefusalReason | undefined {
  const byName = processRefusal(name);
  if (byName) return byName;
  const byFolder = folderRefusal(folder);
  return byFolder === 'broad-folder' ? undefined : byFolder;
}
