// Entry point the extension host loads through the smoke-test driver's `extensionTestsPath`
// (bundled to CommonJS by scripts/e2e/run.mjs). It runs every host test in order and writes the
// results for the outer runner, whatever happens.
import { runHostTests, writeResults, type HostResult } from './runner.js';
import { activationTests, activationFigures } from './activation.js';
import { commandTests } from './commands.js';
import { reportTests } from './report.js';

export async function run(): Promise<void> {
  let results: HostResult[] = [];
  try {
    results = await runHostTests([...activationTests, ...reportTests, ...commandTests]);
  } catch (error) {
    results.push({ name: 'host suite', status: 'failed', ms: 0, message: String(error) });
  }
  writeResults(results, activationFigures);
}
