import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { ApiError } from '../client/api-client.js';
import { clientFrom, clientOptions, parseCommandLine, seg } from '../client/client-options.js';
import { formatTable, shortTime } from '../client/table.js';
import { readInputFile } from '../json-input.js';

export const usage = `weft connectors list
weft connectors show ID
weft connectors add FILE.json
weft connectors enable ID | disable ID
weft connectors delete ID
           [--url URL] [--token TOKEN] [--json]

Platform administration of connector definitions (a platform-admin token). 'add' creates
the connector or adds a version when the definition changed; 'disable' is the kill-switch:
tasks of a disabled connector complete without a call. See docs/connectors.md.`;

interface ConnectorView {
  readonly connectorId: string;
  readonly version: number;
  readonly enabled: boolean;
  readonly displayName: string;
  readonly authType: string;
  readonly createdAt: string;
  readonly created?: boolean;
}

/** `weft connectors …`: the `/admin/connector(s)` routes. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, clientOptions, usage);
  const [action, arg, ...extra] = positionals;
  if (extra.length > 0 || action === undefined) throw new UsageError(usage);
  const client = clientFrom(values, io.env);
  const print = (data: unknown, text: string) => io.stdout(values.json ? `${JSON.stringify(data)}\n` : text);
  if (action === 'list' && arg === undefined) {
    const { items } = await client.get<{ items: ConnectorView[] }>('/admin/connectors');
    print({ items }, formatTable(items, [
      { title: 'ID', value: (c) => c.connectorId },
      { title: 'NAME', value: (c) => c.displayName },
      { title: 'AUTH', value: (c) => c.authType },
      { title: 'VERSION', value: (c) => c.version },
      { title: 'ENABLED', value: (c) => (c.enabled ? 'yes' : 'no') },
      { title: 'SINCE', value: (c) => shortTime(c.createdAt) },
    ]));
    return EXIT.ok;
  }
  if (arg === undefined) throw new UsageError(usage);
  if (action === 'show') {
    const connector = await client.get<ConnectorView & { definition: unknown }>(`/admin/connectors/${seg(arg)}`);
    print(connector, `${JSON.stringify(connector, null, 2)}\n`);
  } else if (action === 'add') {
    let definition: unknown;
    try {
      definition = JSON.parse(readInputFile(arg, 'connector definition'));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${arg}: not valid JSON: ${(error as Error).message}`);
    }
    const saved = await addDefinition(client, arg, definition);
    print(saved, saved.created ? `connector ${saved.connectorId} version ${saved.version} saved\n` : `connector ${saved.connectorId} unchanged (version ${saved.version})\n`);
  } else if (action === 'enable' || action === 'disable') {
    const connector = await client.send<ConnectorView>('PATCH', `/admin/connectors/${seg(arg)}`, { enabled: action === 'enable' });
    print(connector, `connector ${connector.connectorId} ${connector.enabled ? 'enabled' : 'disabled'}\n`);
  } else if (action === 'delete') {
    await client.send('DELETE', `/admin/connectors/${seg(arg)}`);
    print({ connectorId: arg, deleted: true }, `connector ${arg} deleted\n`);
  } else throw new UsageError(usage);
  return EXIT.ok;
}

/** POST the definition; an invalid one is a usage error listing every problem with its JSON path. */
async function addDefinition(client: ReturnType<typeof clientFrom>, file: string, definition: unknown): Promise<ConnectorView> {
  try {
    return await client.send<ConnectorView>('POST', '/admin/connector', definition);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CONNECTOR_DEFINITION_INVALID') throw error;
    const problems = (error.details.problems ?? []) as { path: string; message: string }[];
    throw new UsageError(`${file}: the connector definition is invalid:${problems.map((p) => `\n  ${p.path}: ${p.message}`).join('')}`);
  }
}
