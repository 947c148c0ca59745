import { basename } from 'node:path';
import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { ApiError } from '../client/api-client.js';
import { clientFrom, clientOptions, orgFor, parseCommandLine, seg } from '../client/client-options.js';
import { formatTable } from '../client/table.js';
import { readInputFile } from '../json-input.js';

export const usage = `weft deploy FILE.bpmn… [--org ORG] [--url URL] [--token TOKEN] [--json]

Deploys one or more BPMN files into an org, all or nothing: if any file has a problem,
nothing is deployed and every problem of every file is listed with its line. A process
whose XML changed becomes a new version; an unchanged one keeps its version.

  --org ORG   the org (default: WEFT_ORG, else the token's org)

Exit codes: 0 deployed; 1 failure (server, token); 2 invalid files or arguments.`;

interface Deployed {
  readonly deploymentKey: string;
  readonly processes: readonly { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string; isNewVersion: boolean }[];
}

interface Problem {
  readonly resource: string;
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** `weft deploy`: multipart upload to `POST /orgs/:org/deployments`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...clientOptions, org: { type: 'string' } }, usage);
  if (positionals.length === 0) throw new UsageError(`give at least one .bpmn file\n\n${usage}`);
  const form = new FormData();
  for (const file of positionals) form.append('resources', new Blob([readInputFile(file, 'BPMN file')], { type: 'application/xml' }), basename(file));
  const client = clientFrom(values, io.env);
  const org = await orgFor(client, values.org, io.env);
  let result: Deployed;
  try {
    result = await client.send<Deployed>('POST', `/orgs/${seg(org)}/deployments`, form);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'DEPLOYMENT_INVALID') throw error;
    const problems = (error.details.problems ?? []) as Problem[];
    if (values.json) io.stdout(`${JSON.stringify({ error: { code: error.code, description: error.message, problems } })}\n`);
    const lines = problems.map((p) => `  ${p.resource}${p.line === undefined ? '' : `:${p.line}:${p.column ?? 1}`}: ${p.code}: ${p.message}`);
    io.stderr(`weft deploy: nothing was deployed; ${problems.length} problem(s):\n${lines.join('\n')}\n`);
    return EXIT.usage;
  }
  if (values.json) io.stdout(`${JSON.stringify(result)}\n`);
  else {
    io.stdout(`deployment ${result.deploymentKey} into org ${org}\n`);
    io.stdout(formatTable(result.processes, [
      { title: 'PROCESS', value: (p) => p.bpmnProcessId },
      { title: 'VERSION', value: (p) => p.version },
      { title: 'NEW', value: (p) => (p.isNewVersion ? 'yes' : 'unchanged') },
      { title: 'DEFINITION KEY', value: (p) => p.processDefinitionKey },
      { title: 'FILE', value: (p) => p.resourceName },
    ]));
  }
  return EXIT.ok;
}
