/**
 * A reader that has seen enough (`kql-hunt hunt r.md | head`, `| true`) closes the pipe the CLI
 * writes to, and Node reports the next write as an EPIPE 'error' event. Unhandled, that is a
 * stack trace and exit 1, which the README reserves for "check found errors". Closing early is
 * the reader's choice, not a failure of the run: the rest of the output is dropped quietly and
 * the exit code stays the one the run earned (0, or 1 when `check` found errors).
 */
export function dropOutputOnceReaderCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // Any other write failure is unexpected and must not pass silently.
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
