import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedEngine } from '../../../server/compose/embedded-engine.js';
import type { EmbeddedEngine } from '../../../server/compose/embedded-engine.js';
import { oneTask, serviceTask } from '../../support/bpmn.js';
import { startSilentServer } from '../../support/silent-server.js';
import type { SilentServer } from '../../support/silent-server.js';

// Job slots are per job type: a connector whose API stopped answering fills its own slots
// and no others. Real database file, real connector thread, a real socket that never answers.

let embedded: EmbeddedEngine | undefined;
let silent: SilentServer | undefined;
let dir: string;

afterEach(async () => {
  // Cancels the hung calls after the grace period.
  await embedded?.close(100);
  await silent?.close();
  embedded = undefined;
  silent = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const restTask = (url: string) =>
  serviceTask('task', 'io.camunda:http-json:1', {
    inputs: [['noAuth', 'authentication.type'], ['GET', 'method'], [url, 'url'], ['20', 'connectionTimeoutInSeconds'], ['20', 'readTimeoutInSeconds']],
  });

describe('job slots of the embedded engine', () => {
  it('maxConcurrentJobs limits each type: a hung REST connector holds one slot, another type runs meanwhile', async () => {
    silent = await startSilentServer();
    const { port } = silent;
    dir = mkdtempSync(join(tmpdir(), 'weft-job-slots-'));
    embedded = await openEmbeddedEngine({
      path: join(dir, 'weft.db'),
      env: { WEFT_MASTER_KEY: 'ef'.repeat(32), WEFT_EGRESS_ALLOW: `localhost:${port}` },
      maxConcurrentJobs: 1,
    });
    const { engine } = embedded;
    engine.registerJobHandler({ type: 'local', handler: async (job) => ({ kind: 'complete', variables: { doubled: (job.variables.n as number) * 2 } }) });
    await engine.start();
    await engine.deploy([
      { name: 'hung.bpmn', xml: oneTask('hung', restTask(`https://localhost:${port}/never`)) },
      { name: 'local.bpmn', xml: oneTask('local', serviceTask('task', 'local')) },
    ], { orgId: 'default' });
    const start = (bpmnProcessId: string, variables = {}) => engine.createInstance({ bpmnProcessId, variables, orgId: 'default', workspaceId: 'default' });
    await start('hung');
    await start('hung');
    const local = await Promise.all([1, 2, 3].map((n) => start('local', { n })));
    // An ended instance is settled at once, though the engine is still busy with the hung calls.
    for (const { processInstanceKey } of local) await engine.awaitSettled(processInstanceKey, 60_000);
    const outcomes = await Promise.all(local.map(({ processInstanceKey }) => engine.outcome(processInstanceKey)));
    expect(outcomes.map((o) => [o?.state, o?.variables.doubled])).toEqual([['COMPLETED', 2], ['COMPLETED', 4], ['COMPLETED', 6]]);
    // One slot for the REST connector's type: its second call waits for the first, which hangs.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(silent.sockets.size).toBe(1);
  });
});
