// The in-process core on the report the language server benchmark opens: the "raw" cost the
// server wraps, measured in a fresh process so the first reading is cold, as it is in the
// server. Prints JSON: the reading (readReport + the IOC locator the server builds on it, what
// the server does before it can publish diagnostics) and one hover card per sampled position.
//   node bench/reportCore.mjs <report.md> <positions.json>
import { readFileSync } from 'node:fs';
import { readReport } from '../out/core/report/readReport.js';
import { IocLocator } from '../out/core/report/iocLocator.js';
import { iocHoverMarkdown } from '../out/core/report/iocHover.js';

const [file, positionsFile] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const offsets = JSON.parse(readFileSync(positionsFile, 'utf8'));

let started = performance.now();
const report = readReport(text, { fallbackTitle: 'report.md' });
const locator = new IocLocator(report, text);
const readMs = performance.now() - started;

const hovers = [];
let answered = 0;
for (const offset of offsets) {
  started = performance.now();
  const hit = locator.iocAt(offset);
  if (hit) {
    iocHoverMarkdown(hit.ioc, [{ kind: hit.kind }]);
    answered++;
  }
  hovers.push(performance.now() - started);
}
console.log(JSON.stringify({ readMs, iocs: report.iocs.length, hovers, answered }));
