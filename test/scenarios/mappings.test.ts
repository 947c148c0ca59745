import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, element, ioMapping, oneTask, serviceTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, jobsOf, rootVariables, scopedVariables, stateOf } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

describe('zeebe:ioMapping', () => {
  it('inputs go into the task’s local scope, nested targets build contexts, later inputs see earlier ones', async () => {
    h = await createHarness();
    await h.deploy(oneTask('inputs', serviceTask('task', 'ext', {
      inputs: [['=customer.name', 'payload.name'], ['="EUR"', 'payload.currency'], ['=payload.name + "!"', 'greeting']],
    })));
    const key = await h.start('inputs', { customer: { name: 'Ada' } });
    const [job] = await jobsOf(h, key);
    const local = (await scopedVariables(h, key)).filter((v) => v.scopeKey === job!.elementInstanceKey);
    expect(Object.fromEntries(local.map((v) => [v.name, v.value]))).toEqual({
      payload: { name: 'Ada', currency: 'EUR' },
      greeting: 'Ada!',
    });
    expect(await rootVariables(h, key)).toEqual({ customer: { name: 'Ada' } });
  });

  it('outputs write into the parent scope; the job’s own variables then stay local', async () => {
    h = await createHarness();
    await h.deploy(oneTask('outputs', serviceTask('task', 'ext', {
      outputs: [['=response.body.id', 'order.id'], ['=response.status = 200', 'ok']],
    })));
    const key = await h.start('outputs', { order: { note: 'keep me' } });
    const [job] = await jobsOf(h, key);
    await h.engine.completeJob(job!.key, { response: { status: 200, body: { id: 'A-7' } } });
    expect(await stateOf(h, key)).toBe('completed');
    // The nested target merged into the existing `order` context.
    expect(await rootVariables(h, key)).toEqual({ order: { note: 'keep me', id: 'A-7' }, ok: true });
  });

  it('an output mapping that fails is an IO_MAPPING_ERROR incident; resolving after a fix continues', async () => {
    h = await createHarness();
    await h.deploy(oneTask('outFail', serviceTask('task', 'ext', { outputs: [['=if strict then [1..2] else result', 'out']] })));
    const key = await h.start('outFail', { strict: true });
    const [job] = await jobsOf(h, key);
    await h.engine.completeJob(job!.key, { result: 42 });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'IO_MAPPING_ERROR', elementId: 'task' });
    expect(incident!.message).toContain("'out'");
    expect(await jobsOf(h, key)).toEqual([]);

    await h.engine.setVariables(key, { strict: false });
    await h.engine.resolveIncident(incident!.key);
    expect(await stateOf(h, key)).toBe('completed');
    expect(await rootVariables(h, key)).toEqual({ strict: false, out: 42 });
  });

  it('an input mapping that fails is an IO_MAPPING_ERROR incident before any job exists', async () => {
    h = await createHarness();
    await h.deploy(oneTask('inFail', serviceTask('task', 'ext', { inputs: [['=if strict then [1..2] else 1', 'x']] })));
    const key = await h.start('inFail', { strict: true });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'IO_MAPPING_ERROR', elementId: 'task' });
    expect(await jobsOf(h, key)).toEqual([]);
    await h.engine.resolveIncident(incident!.key, { variables: { strict: false } });
    const [job] = await jobsOf(h, key);
    expect(job).toMatchObject({ elementId: 'task', state: 'activatable' });
  });

  it('mappings work on events and plain tasks too', async () => {
    h = await createHarness();
    await h.deploy(bpmn('onTask', `
    <bpmn:startEvent id="start" />
${element('task', 'task', ioMapping([['=a + 1', 'b']], [['=b * 10', 'c']]))}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`));
    const key = await h.start('onTask', { a: 1 });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await rootVariables(h, key)).toEqual({ a: 1, c: 20 });
  });
});
