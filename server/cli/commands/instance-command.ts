import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { clientFrom, clientOptions, keyArg, parseCommandLine, seg, workspaceFor } from '../client/client-options.js';
import type { InstanceDetail } from '../client/instance-types.js';
import { stateText } from '../client/instance-types.js';
import { formatTable, shortTime } from '../client/table.js';

export const usage = `weft instance KEY [--workspace WS] [--url URL] [--token TOKEN] [--json]

Shows one process instance: its state, where its tokens are (element instances), its
variables by scope, open and resolved incidents, waiting jobs, and its history
(connector calls included, with secrets masked).`;

/** `weft instance KEY`: `GET /workspaces/:ws/process-instances/:key`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...clientOptions, workspace: { type: 'string' } }, usage);
  if (positionals.length !== 1) throw new UsageError(`give exactly one instance key\n\n${usage}`);
  const key = keyArg(positionals[0], 'instance key', usage);
  const client = clientFrom(values, io.env);
  const ws = await workspaceFor(client, values.workspace, io.env);
  const detail = await client.get<InstanceDetail>(`/workspaces/${seg(ws)}/process-instances/${key}`);
  if (values.json) {
    io.stdout(`${JSON.stringify(detail)}\n`);
    return EXIT.ok;
  }
  io.stdout(describe(detail));
  return EXIT.ok;
}

function describe(d: InstanceDetail): string {
  const out = [
    `instance ${d.processInstanceKey}: ${d.bpmnProcessId} v${d.version} in workspace ${d.workspaceId}`,
    `state:   ${stateText(d)}`,
    `started: ${shortTime(d.startedAt)}${d.endedAt ? `   ended: ${shortTime(d.endedAt)}` : ''}`,
    '',
    'tokens:',
    indent(formatTable(d.elementInstances, [
      { title: 'ELEMENT', value: (e) => e.elementId },
      { title: 'TYPE', value: (e) => e.elementType },
      { title: 'STATE', value: (e) => e.state },
      { title: 'KEY', value: (e) => e.elementInstanceKey },
    ])),
    'variables:',
  ];
  if (d.variables.length === 0) out.push('  (none)');
  for (const scope of d.variables) {
    out.push(`  scope ${scope.scopeKey}${scope.elementId ? ` (${scope.elementId})` : ''}:`);
    for (const [name, value] of Object.entries(scope.variables)) out.push(`    ${name} = ${JSON.stringify(value)}`);
  }
  out.push('', 'incidents:', indent(formatTable(d.incidents, [
    { title: 'KEY', value: (i) => i.incidentKey },
    { title: 'STATE', value: (i) => i.state },
    { title: 'ELEMENT', value: (i) => i.elementId },
    { title: 'TYPE', value: (i) => i.type },
    { title: 'MESSAGE', value: (i) => i.message },
  ])));
  if (d.jobs.length > 0) {
    out.push('jobs:', indent(formatTable(d.jobs, [
      { title: 'KEY', value: (j) => j.jobKey },
      { title: 'TYPE', value: (j) => j.type },
      { title: 'STATE', value: (j) => j.state },
      { title: 'RETRIES', value: (j) => j.retries },
      { title: 'ELEMENT', value: (j) => j.elementId },
    ])));
  }
  out.push('history:');
  for (const h of d.history) out.push(`  ${shortTime(h.at)}  ${h.type}${h.elementId ? ` ${h.elementId}` : ''}${historyDetail(h.type, h.data)}`);
  return `${out.join('\n')}\n`;
}

/** The interesting bit of a history event, on one line. */
function historyDetail(type: string, data: Record<string, unknown> | null): string {
  if (!data) return '';
  if (type === 'CONNECTOR_CALL') return ` ${String(data.method)} ${String(data.url)} → ${String(data.status ?? data.errorCode ?? '?')} (${String(data.durationMs)} ms)`;
  if (type === 'INCIDENT_CREATED' || type === 'JOB_FAILED') return ` ${JSON.stringify(data)}`;
  return '';
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ').trimEnd() + '\n';
}
