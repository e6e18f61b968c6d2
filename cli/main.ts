/**
 * The kql-hunt command line: the main job (`hunt`) and any other commands, headless, on the
 * same core the editor uses. Exit codes are part of the contract (see README).
 */
import { Command, CommanderError } from 'commander';
import { registerHuntCommand } from './hunt.js';
import { registerCheckCommand } from './check.js';
import { dropOutputOnceReaderCloses } from './closedOutput.js';
import { CliError, EXIT } from './errors.js';
import { escapeForTerminal } from './terminalText.js';

dropOutputOnceReaderCloses();

const program = new Command('kql-hunt')
  .description('Turn defanged IOC threat reports into validated KQL hunts.')
  .version(process.env.KQL_HUNT_VERSION ?? '0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

registerHuntCommand(program);
registerCheckCommand(program);

async function main(): Promise<void> {
  await program.parseAsync(process.argv);
}

main().catch((error: unknown) => {
  if (error instanceof CliError) {
    // Messages quote their inputs: a file name, a report, a tools or workspace file.
    process.stderr.write(`kql-hunt: ${escapeForTerminal(error.message)}\n`);
    process.exitCode = error.exitCode;
  } else if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help text).
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.usage;
  } else {
    const trace = ((error as Error).stack ?? String(error)).split('\n').map(escapeForTerminal);
    process.stderr.write(`kql-hunt: internal error: ${trace.join('\n')}\n`);
    process.exitCode = EXIT.internal;
  }
});
