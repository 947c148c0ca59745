import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { clientFrom, clientOptions, parseCommandLine, seg, workspaceFor } from '../client/client-options.js';
import { parseJsonObjectArg } from '../json-input.js';

export const usage = `weft start PROCESS_ID [--variables JSON|@file.json] [--version N] [--workspace WS]
           [--url URL] [--token TOKEN] [--json]

Starts an instance of a deployed process (the latest version unless --version) in a
workspace, and prints its key.

  --variables JSON|@FILE   initial variables: a JSON object, inline or from a file
  --version N              a specific version
  --workspace WS           the workspace (default: WEFT_WORKSPACE, else the token's)`;

interface Created {
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly workspaceId: string;
}

/** `weft start`: `POST /workspaces/:ws/process-instances`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...clientOptions, variables: { type: 'string' }, version: { type: 'string' }, workspace: { type: 'string' } }, usage);
  if (positionals.length !== 1) throw new UsageError(`give exactly one process id\n\n${usage}`);
  const variables = parseJsonObjectArg(values.variables, '--variables') ?? {};
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw new UsageError(`--version must be a positive integer, got '${values.version}'`);
  const client = clientFrom(values, io.env);
  const ws = await workspaceFor(client, values.workspace, io.env);
  const created = await client.send<Created>('POST', `/workspaces/${seg(ws)}/process-instances`, {
    bpmnProcessId: positionals[0],
    variables,
    ...(version === undefined ? {} : { version }),
  });
  if (values.json) io.stdout(`${JSON.stringify(created)}\n`);
  else io.stdout(`started instance ${created.processInstanceKey} of ${created.bpmnProcessId} v${created.version} in workspace ${created.workspaceId}\n`);
  return EXIT.ok;
}
