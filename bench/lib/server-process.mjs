// A server program of lib/servers/ in its own child process: forked, ready when it sends
// its port over IPC, asked for its request count the same way.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssMb } from './process-stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Fork `lib/servers/<program>.mjs` with `args` (JSON in argv[2]) and wait for it to listen.
 * @returns {Promise<{ port: number, pid: number, stats(): Promise<{ requests: number, connections: number }>, maxRssMb(): number | undefined, close(): Promise<void> }>}
 */
export function startServerProcess(program, args = {}, { timeoutMs = 15_000 } = {}) {
  const child = fork(join(here, 'servers', `${program}.mjs`), [JSON.stringify(args)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server ${program} did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`server ${program} exited (${how}) before it listened`));
    });
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message?.type !== 'ready') return reject(new Error(`server ${program} sent ${JSON.stringify(message)} instead of its port`));
      resolve({
        port: message.port,
        pid: child.pid,
        stats: () =>
          new Promise((answer) => {
            child.once('message', (m) => answer({ requests: m.requests, connections: m.connections }));
            child.send({ type: 'stats' });
          }),
        maxRssMb: () => peakRssMb(child.pid),
        async close() {
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000).unref())]);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
      });
    });
  });
}
