import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { clientFrom, clientOptions, keyArg, parseCommandLine, seg, workspaceFor } from '../client/client-options.js';
import type { InstanceSummary } from '../client/instance-types.js';

export const usage = `weft cancel INSTANCE_KEY [--workspace WS] [--url URL] [--token TOKEN] [--json]

Cancels an active process instance: every token is withdrawn, open jobs and timers end.
An instance that already ended answers with an error (exit 1).`;

/** `weft cancel`: `POST /workspaces/:ws/process-instances/:key/cancel`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...clientOptions, workspace: { type: 'string' } }, usage);
  if (positionals.length !== 1) throw new UsageError(`give exactly one instance key\n\n${usage}`);
  const key = keyArg(positionals[0], 'instance key', usage);
  const client = clientFrom(values, io.env);
  const ws = await workspaceFor(client, values.workspace, io.env);
  const instance = await client.send<InstanceSummary>('POST', `/workspaces/${seg(ws)}/process-instances/${key}/cancel`);
  if (values.json) io.stdout(`${JSON.stringify(instance)}\n`);
  else io.stdout(`instance ${instance.processInstanceKey} is ${instance.state}\n`);
  return EXIT.ok;
}
