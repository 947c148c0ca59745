import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { clientFrom, clientOptions, parseCommandLine, seg, workspaceFor } from '../client/client-options.js';
import { shortTime } from '../client/table.js';
import { parseJsonObjectArg } from '../json-input.js';

export const usage = `weft credentials set CONNECTOR --config JSON|@file.json [--disabled]
weft credentials show CONNECTOR
weft credentials enable CONNECTOR | disable CONNECTOR
           [--workspace WS] [--url URL] [--token TOKEN] [--json]

A workspace's credentials for a connector, stored encrypted and never shown again:
'show' tells whether they are set and which fields. 'set' checks the config against
the connector's auth_schema; --disabled stores them but opts the workspace out.
'enable'/'disable' opt in or out, keeping what is stored.`;

interface CredentialsView {
  readonly connectorId: string;
  readonly enabled: boolean;
  readonly configured: boolean;
  readonly fields: readonly string[];
  readonly updatedAt: string | null;
}

/** `weft credentials …`: `/workspaces/:ws/connectors/:id/credentials`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...clientOptions, config: { type: 'string' }, disabled: { type: 'boolean' }, workspace: { type: 'string' } }, usage);
  const [action, connector, ...extra] = positionals;
  if (action === undefined || connector === undefined || extra.length > 0) throw new UsageError(usage);
  let body: { enabled: boolean; config?: Record<string, unknown> } | undefined;
  if (action === 'set') {
    const config = parseJsonObjectArg(values.config, '--config');
    if (!config) throw new UsageError(`'set' needs --config JSON|@file.json\n\n${usage}`);
    if (Object.values(config).some((v) => typeof v !== 'string')) throw new UsageError('--config values must all be strings');
    body = { enabled: !values.disabled, config };
  } else if (action === 'enable' || action === 'disable') body = { enabled: action === 'enable' };
  else if (action !== 'show') throw new UsageError(usage);
  const client = clientFrom(values, io.env);
  const ws = await workspaceFor(client, values.workspace, io.env);
  const path = `/workspaces/${seg(ws)}/connectors/${seg(connector)}/credentials`;
  const view = body ? await client.send<CredentialsView>('PUT', path, body) : await client.get<CredentialsView>(path);
  if (values.json) io.stdout(`${JSON.stringify(view)}\n`);
  else {
    io.stdout(`connector ${view.connectorId} in workspace ${ws}: ${view.enabled ? 'enabled' : 'disabled'}, ${view.configured ? 'configured' : 'not configured'}\n`);
    if (view.fields.length > 0) io.stdout(`fields: ${view.fields.join(', ')} (values are never shown)\n`);
    if (view.updatedAt) io.stdout(`updated: ${shortTime(view.updatedAt)}\n`);
  }
  return EXIT.ok;
}
