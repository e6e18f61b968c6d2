// The language server as an operating-system process, found through Linux's /proc, so a test can
// end it the way a crash would (SIGKILL: no shutdown, no exit notification) and see it come back.
import { readFileSync, readdirSync } from 'node:fs';

export interface LanguageServerProcess {
  pid: number;
  /** The command line of its parent: the extension host that started it. */
  parentCommand: string;
}

/**
 * The processes running the bundled server (`…/dist/server.js`) of the extension installed under
 * `home`, the session's own temp folder, so another session's server is never matched. Only
 * children of an extension host count: the suite must kill what the client started.
 */
export function languageServerProcesses(home: string): LanguageServerProcess[] {
  const found: LanguageServerProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = commandLine(entry);
    const script = argv.find((arg) => arg.endsWith('/dist/server.js'));
    if (!script?.startsWith(`${home}/`)) continue;
    const parentCommand = commandLine(String(parentPid(entry))).join(' ');
    if (parentCommand.includes('extensionHost')) found.push({ pid: Number(entry), parentCommand });
  }
  return found;
}

function commandLine(pid: string): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    // The process ended while the table was read.
    return [];
  }
}

function parentPid(pid: string): number {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: read after its end.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}
