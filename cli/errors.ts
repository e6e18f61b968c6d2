/** Exit codes of the kql-hunt command, documented in the README. */
export const EXIT = {
  ok: 0,
  /** `check` found at least one error in the KQL it was given. */
  findings: 1,
  /** Bad arguments: unknown option, table, platform, lookback or date; a flag's file malformed. */
  usage: 2,
  /** An input file could not be read, or the workspace file cannot be used. */
  input: 3,
  /** Nothing to hunt: the report holds no IOC, or no selected table can match those it has. */
  noIocs: 4,
  /** A generated hunt failed validation by the Kusto service: a bug in kql-hunt. */
  invalidHunt: 5,
  internal: 70,
} as const;

/** An error the user can act on: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
