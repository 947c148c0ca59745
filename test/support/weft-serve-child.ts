import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const weftBin = new URL('../../bin/weft', import.meta.url).pathname;

/** A real `bin/weft serve` child process. */
export interface ServedChild {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` from the server's "listening" log line. */
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Send a signal and resolve with the exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Start `bin/weft serve` on a free port with `dataDir`; resolves once it listens. */
export async function serveChild(dataDir: string, env: Record<string, string> = {}): Promise<ServedChild> {
  const child = spawn(weftBin, ['serve'], {
    env: { PATH: process.env.PATH ?? '', WEFT_PORT: '0', WEFT_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`weft serve did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => reject(new Error(`weft serve exited:\n${output}`)));
  });
  return {
    child,
    url,
    output: () => output,
    stop: async (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}

/** Run `bin/weft <args>` with only PATH and `env` in its environment. */
export function weftCli(args: string[], env: Record<string, string>) {
  return run(weftBin, args, { env: { PATH: process.env.PATH ?? '', ...env } });
}
