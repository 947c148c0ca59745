// CPU time and peak RSS of ANOTHER process (a server the benchmark started), read from
// /proc — Linux only; elsewhere every reading is undefined and the tables show "—".
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU time of `pid` (all its threads) in milliseconds, or undefined. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

/** Peak resident set size of `pid` (VmHWM) in MB, or undefined. */
export function peakRssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A CPU meter for `pid` over a window: `open()`, then `close(windowMs)` → CPU % (100 = one core). */
export function cpuMeter(pid) {
  let start;
  return {
    open() {
      start = cpuMs(pid);
    },
    close(windowMs) {
      const end = cpuMs(pid);
      return start === undefined || end === undefined ? undefined : (100 * (end - start)) / windowMs;
    },
  };
}
