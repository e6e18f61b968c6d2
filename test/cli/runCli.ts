// The built command (`npm run build` makes dist/cli.js) run as users run it, in a child process,
// for tests that need more control over its standard streams than execFile gives.
import { spawn } from 'node:child_process';

export const BIN = 'bin/kql-hunt.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /**
   * Close our end of the command's stdout before it writes anything, as `kql-hunt ... | true`
   * or a `head` that has read enough does: its writes then fail with EPIPE.
   */
  closeStdout?: boolean;
}

/** Runs `kql-hunt ...args` to its end; never rejects, whatever the exit code. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
