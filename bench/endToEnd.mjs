// One end-to-end measurement in its own process, so peak memory is this job's alone.
// `hunt`: read the report and generate its hunts (what the CLI does, without validation).
// `peer`: ioc-extractor (refang on) over the same markdown: what a hunter would run instead to
// pull the indicators out. (A full mdast + GFM parse was the first peer; it took 130 s at
// 100,000 IOCs, which made the run too long to repeat.)
import { readFileSync } from 'node:fs';
import { extractIOC } from 'ioc-extractor';
import { huntReport } from '../out/core/hunt/generate.js';

const [what, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const start = process.cpuUsage();
let result = {};
if (what === 'hunt') {
  const { report, hunts } = huntReport(text, { generated: '2026-01-01' });
  result = { iocs: report.iocs.length, hunts: hunts.length };
} else {
  const ioc = extractIOC(text, { refang: true });
  result = { found: Object.values(ioc).reduce((n, list) => n + list.length, 0) };
}
const used = process.cpuUsage(start);
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ ...result, ms: (used.user + used.system) / 1000, peakMb }));
