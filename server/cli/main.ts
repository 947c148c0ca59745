import { readFileSync } from 'node:fs';
import { WeftError } from '../../core/index.js';
import { EXIT, UsageError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { processIo } from './cli-io.js';
import { ApiError } from './client/api-client.js';
import { commands } from './command-table.js';

/** Codes of errors raised locally that mean the command line or its input is wrong (exit 2). */
const usageCodes = new Set(['DEPLOYMENT_INVALID', 'CONFIG_INVALID', 'TOKEN_ROLE_INVALID', 'SLUG_INVALID']);

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'weft — a durable BPMN 2.0 process engine whose service tasks are connectors',
    '',
    'Usage: weft <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Options: --help (also after a command), --version',
    'API commands use WEFT_URL (default http://127.0.0.1:8080) and WEFT_TOKEN, or --url and --token.',
    '',
  ].join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Run the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr(`weft: unknown command '${name}'\n\n${help()}`);
    return EXIT.usage;
  }
  try {
    const loaded = await command.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${loaded.usage}\n`);
      return EXIT.ok;
    }
    return await loaded.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`weft ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ApiError) {
      io.stderr(`weft ${name}: ${error.code}: ${error.message}\n`);
      // The server refused the request as malformed: the command line or its files are wrong.
      return error.status === 400 ? EXIT.usage : EXIT.notCompleted;
    }
    if (error instanceof WeftError) {
      io.stderr(`weft ${name}: ${error.code}: ${error.message}\n`);
      return usageCodes.has(error.code) || error.code.startsWith('VARIABLE') ? EXIT.usage : EXIT.notCompleted;
    }
    io.stderr(`weft ${name}: unexpected failure: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.notCompleted;
  }
}
