import type { CliIo } from './cli-io.js';

/** A loaded subcommand: its usage text and what it runs (resolves to the exit code). */
export interface CommandModule {
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** A subcommand as `weft --help` lists it; loaded only when used. */
export interface CommandEntry {
  readonly summary: string;
  load(): Promise<CommandModule>;
}

/** Every `weft` subcommand, in the order `weft --help` shows them. Each lives in server/cli/commands/. */
export const commands: Readonly<Record<string, CommandEntry>> = {
  run: {
    summary: 'run one BPMN file to completion on an embedded engine',
    // Usage texts apart from the commands: help and usage errors load nothing heavy.
    load: async () => ({
      usage: (await import('./commands/run-usage.js')).runUsage,
      run: async (argv, io) => (await import('./commands/run-command.js')).runCommand(argv, io),
    }),
  },
  serve: {
    summary: 'run the HTTP server (API, webhooks) on WEFT_HOST:WEFT_PORT, data in WEFT_DATA_DIR',
    load: async () => ({
      usage: (await import('./commands/serve-usage.js')).serveUsage,
      run: async (argv, io) => (await import('./commands/serve-command.js')).serveCommand(argv, io),
    }),
  },
  deploy: { summary: 'deploy .bpmn files into an org (all or nothing)', load: () => import('./commands/deploy-command.js') },
  start: { summary: 'start an instance of a deployed process', load: () => import('./commands/start-command.js') },
  instances: { summary: 'list process instances of a workspace', load: () => import('./commands/instances-command.js') },
  instance: { summary: 'show one instance: tokens, variables, incidents, history', load: () => import('./commands/instance-command.js') },
  incidents: { summary: 'list open incidents of a workspace', load: () => import('./commands/incidents-command.js') },
  resolve: { summary: 'resolve an incident (optionally with new retries or variables)', load: () => import('./commands/resolve-command.js') },
  cancel: { summary: 'cancel an active instance', load: () => import('./commands/cancel-command.js') },
  token: { summary: 'create, list or revoke API tokens (create --offline on the data directory)', load: () => import('./commands/token-command.js') },
  connectors: { summary: 'list, add, enable, disable or delete connector definitions', load: () => import('./commands/connectors-command.js') },
  credentials: { summary: "set or show a workspace's credentials for a connector", load: () => import('./commands/credentials-command.js') },
  keys: { summary: 'rotate the vault data key (offline, on WEFT_DATA_DIR)', load: () => import('./commands/keys-command.js') },
};
