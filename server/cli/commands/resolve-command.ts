import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { clientFrom, clientOptions, keyArg, parseCommandLine, seg, workspaceFor } from '../client/client-options.js';
import type { IncidentSummary } from '../client/instance-types.js';
import { parseJsonObjectArg } from '../json-input.js';

export const usage = `weft resolve INCIDENT_KEY [--retries N] [--variables JSON|@file.json] [--workspace WS]
             [--url URL] [--token TOKEN] [--json]

Resolves an open incident: the instance continues where it stopped. For a job incident
the job gets N retries (default 1). --variables are set on the instance first (fix the
data, then retry).`;

/** `weft resolve`: `POST /workspaces/:ws/incidents/:key/resolve`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...clientOptions, retries: { type: 'string' }, variables: { type: 'string' }, workspace: { type: 'string' } }, usage);
  if (positionals.length !== 1) throw new UsageError(`give exactly one incident key\n\n${usage}`);
  const key = keyArg(positionals[0], 'incident key', usage);
  const retries = values.retries === undefined ? undefined : Number(values.retries);
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 1)) throw new UsageError(`--retries must be a positive integer, got '${values.retries}'`);
  const variables = parseJsonObjectArg(values.variables, '--variables');
  const client = clientFrom(values, io.env);
  const ws = await workspaceFor(client, values.workspace, io.env);
  const incident = await client.send<IncidentSummary>('POST', `/workspaces/${seg(ws)}/incidents/${key}/resolve`, {
    ...(retries === undefined ? {} : { retries }),
    ...(variables === undefined ? {} : { variables }),
  });
  if (values.json) io.stdout(`${JSON.stringify(incident)}\n`);
  else io.stdout(`incident ${incident.incidentKey} resolved; instance ${incident.processInstanceKey} continues\n`);
  return EXIT.ok;
}
