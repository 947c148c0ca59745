import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { clientFrom, clientOptions, parseCommandLine, seg, workspaceFor } from '../client/client-options.js';
import type { IncidentSummary } from '../client/instance-types.js';
import { formatTable, shortTime } from '../client/table.js';

export const usage = `weft incidents [--resolved] [--instance KEY] [--limit N] [--cursor C] [--workspace WS]
               [--url URL] [--token TOKEN] [--json]

Lists the open incidents of a workspace (resolved ones with --resolved), oldest first.
Resolve one with: weft resolve KEY [--retries N]`;

/** `weft incidents`: `GET /workspaces/:ws/incidents`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...clientOptions,
    resolved: { type: 'boolean' },
    instance: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    workspace: { type: 'string' },
  }, usage);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${usage}`);
  const client = clientFrom(values, io.env);
  const ws = await workspaceFor(client, values.workspace, io.env);
  const page = await client.get<{ items: IncidentSummary[]; nextCursor: string | null }>(`/workspaces/${seg(ws)}/incidents`, {
    state: values.resolved ? 'RESOLVED' : 'ACTIVE',
    processInstanceKey: values.instance,
    limit: values.limit,
    cursor: values.cursor,
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(page)}\n`);
    return EXIT.ok;
  }
  io.stdout(formatTable(page.items, [
    { title: 'KEY', value: (i) => i.incidentKey },
    { title: 'INSTANCE', value: (i) => i.processInstanceKey },
    { title: 'PROCESS', value: (i) => i.bpmnProcessId },
    { title: 'ELEMENT', value: (i) => i.elementId },
    { title: 'TYPE', value: (i) => i.type },
    { title: 'CREATED', value: (i) => shortTime(i.createdAt) },
    { title: 'MESSAGE', value: (i) => i.message },
  ]));
  if (page.nextCursor) io.stdout(`more: weft incidents --cursor ${page.nextCursor}\n`);
  return EXIT.ok;
}
