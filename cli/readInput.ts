/** Reading input files with errors a user can act on. */
import { readFile, stat } from 'node:fs/promises';
import { CliError, EXIT } from './errors.js';

/** Reports larger than this are refused rather than read into memory. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** Reads a UTF-8 text file (`-` for standard input); invalid bytes become U+FFFD. */
export async function readTextInput(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${path} is a directory, not a report`, EXIT.input);
    if (info.size > MAX_REPORT_BYTES) {
      throw new CliError(
        `${path} is ${info.size} bytes; the limit is ${MAX_REPORT_BYTES}`,
        EXIT.input,
      );
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new CliError(`cannot read ${path}: ${reason}`, EXIT.input);
  }
}
