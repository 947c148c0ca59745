// What the numbers were measured on: CPU, cores, RAM, Node, the temp file system, the
// cost of one fsync there, and how busy the machine was.
import { execFileSync } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { percentile } from './stats.mjs';

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** The mount holding `dir` (longest matching mount point in /proc/mounts). */
function mountOf(dir) {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8').trim().split('\n').map((l) => l.split(' '));
    const found = mounts.filter(([, point]) => dir === point || dir.startsWith(point.endsWith('/') ? point : `${point}/`)).sort((a, b) => b[1].length - a[1].length)[0];
    return found ? `${found[1]} (${found[2]}, ${found[0]})` : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** p50 / p99 of a 4 KiB append + fdatasync in the temp dir: the floor under one durable commit. */
export function fsyncCost(rounds = 200) {
  const dir = mkdtempSync(join(os.tmpdir(), 'weft-bench-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const block = Buffer.alloc(4096, 1);
  const times = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      writeSync(fd, block);
      fdatasyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** The source folders whose code the benchmarks run (through dist/). */
export const MEASURED_DIRS = ['core', 'engine', 'models', 'connectors', 'server'];

/** Which code was measured: the commit, uncommitted changes in MEASURED_DIRS, when dist/ was built. */
export function codeVersion(root) {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const dirty = git('status', '--porcelain', '--', ...MEASURED_DIRS).split('\n').filter(Boolean).length;
  return { commit: git('rev-parse', '--short', 'HEAD') || 'unknown', dirtyFiles: dirty, distBuiltAt: distBuiltAt(root) };
}

/** When dist/ was last built (the engine entry's mtime, ISO), or 'unknown'. */
export function distBuiltAt(root) {
  try {
    return statSync(join(root, 'dist', 'engine', 'engine.js')).mtime.toISOString();
  } catch {
    return 'unknown';
  }
}

export function machine() {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    ramGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    tmp: `${os.tmpdir()} on ${mountOf(os.tmpdir())}`,
    fsync: fsyncCost(),
  };
}
