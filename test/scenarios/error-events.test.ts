import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, errorBoundary, errorDefinition, scriptTask, serviceTask, subProcess } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, elementsWith, historyData, jobsOf, rootVariables, stateOf, until } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

// task (in sp1, in sp2) — boundary for PAYMENT on sp2 only; catch-all nowhere.
const nested = bpmn('bpmnErrors', `
    <bpmn:startEvent id="start" />
${subProcess('outer', `
    <bpmn:startEvent id="oStart" />
${subProcess('inner', `
      <bpmn:startEvent id="iStart" />
${serviceTask('task', 'pay')}
      <bpmn:endEvent id="iEnd" />
${chain('iStart', 'task', 'iEnd')}`)}
    <bpmn:endEvent id="oEnd" />
${chain('oStart', 'inner', 'oEnd')}`)}
${errorBoundary('onPayment', 'outer', 'Err_Payment')}
${scriptTask('explain', '"failed: " + reason', 'summary')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="failedEnd" />
${chain('start', 'outer', 'end')}
${chain('onPayment', 'explain', 'failedEnd')}`, errorDefinition('Err_Payment', 'PAYMENT_DECLINED'));

describe('BPMN errors thrown by jobs', () => {
  it('are caught by the nearest matching boundary outward through two scopes; the error variables are there after it', async () => {
    h = await createHarness();
    h.engine.registerJobHandler({
      type: 'pay',
      handler: async () => ({ kind: 'error', errorCode: 'PAYMENT_DECLINED', errorMessage: 'card expired', variables: { reason: 'card expired' } }),
    });
    await h.deploy(nested);
    const key = await h.start('bpmnErrors');
    await until(h, async () => (await stateOf(h, key)) !== 'active');
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'ELEMENT_TERMINATED')).toEqual(['task', 'inner', 'outer']);
    expect(await rootVariables(h, key)).toEqual({ reason: 'card expired', summary: 'failed: card expired' });
    expect(await historyData(h, key, 'ERROR_CAUGHT')).toEqual([
      { elementId: 'onPayment', data: { errorCode: 'PAYMENT_DECLINED', errorMessage: 'card expired' } },
    ]);
  });

  it('an error nobody catches is an UNHANDLED_ERROR_EVENT incident on the task; resolving it offers the job again', async () => {
    h = await createHarness();
    await h.deploy(nested);
    const key = await h.start('bpmnErrors');
    const [job] = await h.engine.activateJobs({ type: 'pay', maxJobs: 1, timeoutMs: 60_000, worker: 'w' });
    await h.engine.throwError(job!.key, { errorCode: 'UNKNOWN_CODE', errorMessage: 'what now' });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'UNHANDLED_ERROR_EVENT', elementId: 'task' });
    expect(incident!.message).toContain("'UNKNOWN_CODE'");
    expect(await stateOf(h, key)).toBe('active');
    expect(await elementsWith(h, key, 'ELEMENT_TERMINATED')).toEqual([]);

    await h.engine.resolveIncident(incident!.key);
    const [again] = await h.engine.activateJobs({ type: 'pay', maxJobs: 1, timeoutMs: 60_000, worker: 'w' });
    expect(again?.key).toBe(job!.key);
    await h.engine.completeJob(again!.key);
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('throwError needs an error code', async () => {
    h = await createHarness();
    await h.deploy(nested);
    const key = await h.start('bpmnErrors');
    const [job] = await jobsOf(h, key);
    const refused = h.engine.throwError(job!.key, { errorCode: '' });
    await expect(refused).rejects.toMatchObject({ code: 'ERROR_CODE_MISSING' });
    expect(await jobsOf(h, key)).toHaveLength(1);
  });
});
