// The one way the editor tests wait: retry a check until it yields a value or a deadline passes.
// A check returns `undefined` for "not yet"; the last error it threw is kept for the failure
// message, so a timeout says what was last seen instead of only that time ran out.

/** Gap between attempts; small, because each attempt is a cheap DOM or HTTP probe. */
const intervalMs = 150;

export async function poll<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
