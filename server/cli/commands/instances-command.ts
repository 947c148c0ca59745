import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { clientFrom, clientOptions, parseCommandLine, seg, workspaceFor } from '../client/client-options.js';
import type { InstanceSummary } from '../client/instance-types.js';
import { stateText } from '../client/instance-types.js';
import { formatTable, shortTime } from '../client/table.js';

export const usage = `weft instances [--state ACTIVE|COMPLETED|TERMINATED] [--process ID] [--incidents]
               [--limit N] [--cursor C] [--workspace WS] [--url URL] [--token TOKEN] [--json]

Lists process instances of a workspace, oldest first, one page at a time (--limit,
default 50; the next page's --cursor is printed when there may be more).

  --state S       only instances in this state
  --process ID    only instances of this process
  --incidents     only instances with an open incident`;

/** `weft instances`: `GET /workspaces/:ws/process-instances`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...clientOptions,
    state: { type: 'string' },
    process: { type: 'string' },
    incidents: { type: 'boolean' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    workspace: { type: 'string' },
  }, usage);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${usage}`);
  const client = clientFrom(values, io.env);
  const ws = await workspaceFor(client, values.workspace, io.env);
  const page = await client.get<{ items: InstanceSummary[]; nextCursor: string | null }>(`/workspaces/${seg(ws)}/process-instances`, {
    state: values.state?.toUpperCase(),
    bpmnProcessId: values.process,
    hasIncident: values.incidents ? true : undefined,
    limit: values.limit,
    cursor: values.cursor,
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(page)}\n`);
    return EXIT.ok;
  }
  io.stdout(formatTable(page.items, [
    { title: 'KEY', value: (i) => i.processInstanceKey },
    { title: 'PROCESS', value: (i) => i.bpmnProcessId },
    { title: 'VERSION', value: (i) => i.version },
    { title: 'STATE', value: stateText },
    { title: 'STARTED', value: (i) => shortTime(i.startedAt) },
    { title: 'ENDED', value: (i) => shortTime(i.endedAt) },
  ]));
  if (page.nextCursor) io.stdout(`more: weft instances --cursor ${page.nextCursor}\n`);
  return EXIT.ok;
}
