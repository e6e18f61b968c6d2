// What the figures were taken on. The machines are shared, so the load average at the start
// and at the end of the run is printed with every table: it says how far to trust the times.
import { availableParallelism, loadavg, totalmem } from 'node:os';

export const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

export function machineLine(loadAtStart) {
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return [
    `machine: ${availableParallelism()} cores, ${gib} GiB RAM, node ${process.version}`,
    `load average (1 / 5 / 15 min) at start ${loadAtStart}, at end ${loadAverage()}`,
  ].join('; ');
}
