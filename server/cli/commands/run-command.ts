import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { WeftError } from '../../../core/index.js';
import type { DeployProblem, InstanceOutcome } from '../../../engine/index.js';
import { openEmbeddedEngine } from '../../compose/embedded-engine.js';
import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { describeRun } from './run-summary.js';
import { runUsage } from './run-usage.js';
import { loadConnectorDefinitions, loadCredentials } from './load-connectors.js';
import { parseJsonObjectArg, readInputFile } from '../json-input.js';

/** `weft run`: one instance of one file, start to finish, on an embedded engine. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseRunArgs(argv);
  if (positionals.length !== 1) throw new UsageError(`weft run takes exactly one BPMN file, got ${positionals.length}\n\n${runUsage}`);
  const file = positionals[0]!;
  const xml = readInputFile(file, 'BPMN file');
  const variables = parseJsonObjectArg(values.variables, '--variables') ?? {};
  const timeoutMs = parseTimeout(values.timeout);

  const embedded = await openEmbeddedEngine({
    path: values.db ?? ':memory:',
    env: io.env,
    onError: (error, what) => io.stderr(`weft: ${what}: ${(error as Error).message}\n`),
  });
  try {
    const { engine } = embedded;
    for (const warning of embedded.connectors.runtime.warnings()) io.stderr(`weft: warning: ${warning}\n`);
    if (values.connectors !== undefined) await loadConnectorDefinitions(embedded.connectors, values.connectors);
    if (values.credentials !== undefined) await loadCredentials(embedded.connectors, values.credentials);
    await engine.start();
    const deployment = await engine.deploy([{ name: basename(file), xml }], { orgId: 'default' }).catch((error: unknown) => {
      throw deploymentUsageError(file, error);
    });
    const process = deployment.processes[0]!;
    if (deployment.processes.length > 1) {
      io.stderr(`weft: ${file} has ${deployment.processes.length} executable processes; running '${process.bpmnProcessId}'\n`);
    }
    const created = await engine.createInstance({ bpmnProcessId: process.bpmnProcessId, version: process.version, variables, orgId: 'default', workspaceId: 'default' });
    // SIGTERM / Ctrl-C: stop waiting and report where the instance stands; the finally
    // below drains running handlers and closes the database.
    const interrupted = new Promise<void>((resolve) => {
      globalThis.process.once('SIGTERM', resolve);
      globalThis.process.once('SIGINT', resolve);
    });
    const settled = engine.awaitSettled(created.processInstanceKey, timeoutMs);
    await Promise.race([settled, interrupted]);
    const outcome = (await engine.outcome(created.processInstanceKey))!;
    if (values.json) io.stdout(`${JSON.stringify(outcome)}\n`);
    else io.stdout(describeRun(outcome, await engine.store.history(Number(outcome.processInstanceKey))));
    return outcome.state === 'COMPLETED' ? EXIT.ok : EXIT.notCompleted;
  } finally {
    await embedded.close(1000);
  }
}

function parseRunArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        variables: { type: 'string' },
        db: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean', default: false },
        connectors: { type: 'string' },
        credentials: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${runUsage}`);
  }
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return 30_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got '${raw}'`);
  return seconds * 1000;
}

/** A refused deployment as a usage error listing every problem with its line and element. */
function deploymentUsageError(file: string, error: unknown): unknown {
  if (!(error instanceof WeftError) || error.code !== 'DEPLOYMENT_INVALID') return error;
  const problems = (error.details.problems ?? []) as (DeployProblem & { resource: string })[];
  const lines = problems.map((p) => {
    const where = p.line !== undefined ? `${file}:${p.line}:${p.column ?? 1}` : file;
    return `${where}: ${p.code}: ${p.message}`;
  });
  return new UsageError(`${file} cannot be deployed:\n  ${lines.join('\n  ')}`, { problems });
}

export type { InstanceOutcome };
