import { readFileSync } from 'node:fs';
import { WeftError } from '../../core/index.js';
import { EXIT, UsageError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { processIo } from './cli-io.js';
import { runUsage } from './commands/run-usage.js';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Every subcommand, with its one-line description for `weft --help`. */
const commands: Record<string, { load: () => Promise<Command>; summary: string; usage: string }> = {
  run: {
    load: async () => (await import('./commands/run-command.js')).runCommand,
    summary: 'run one BPMN file to completion on an embedded engine',
    usage: runUsage,
  },
};

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
  const command = commands[name];
  if (!command) {
    io.stderr(`weft: unknown command '${name}'\n\n${help()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`weft ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof WeftError) {
      io.stderr(`weft ${name}: ${error.code}: ${error.message}\n`);
      return error.code.startsWith('VARIABLE') || error.code === 'DEPLOYMENT_INVALID' ? EXIT.usage : EXIT.notCompleted;
    }
    io.stderr(`weft ${name}: unexpected failure: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.notCompleted;
  }
}
