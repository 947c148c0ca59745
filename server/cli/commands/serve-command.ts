import { parseArgs } from 'node:util';
import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { serveUsage } from './serve-usage.js';

/**
 * `weft serve`: run the HTTP server until SIGTERM or SIGINT, then stop accepting, drain
 * running jobs, close the database and resolve to exit code 0.
 */
export async function serveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    parseArgs({ args: [...argv], allowPositionals: false, strict: true, options: {} });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${serveUsage}`);
  }
  const { startServer } = await import('../../serve/start-server.js');
  const server = await startServer({ env: io.env, print: (text) => io.stdout(text) });
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await server.close();
  return EXIT.ok;
}
