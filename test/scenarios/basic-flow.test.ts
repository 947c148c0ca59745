import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { until } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

describe('basic flow', () => {
  it('runs start → end to completion', async () => {
    h = await createHarness();
    const id = await h.deploy(bpmn('simple', `
    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
${flow('f1', 'start', 'end')}`));
    const key = await h.start(id, { a: 1 });
    const instance = await h.store.getInstance(Number(key));
    expect(instance?.state).toBe('completed');
    const history = await h.store.history(Number(key));
    expect(history.map((e) => e.type)).toEqual([
      'PROCESS_INSTANCE_CREATED', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'SEQUENCE_FLOW_TAKEN',
      'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'PROCESS_INSTANCE_COMPLETED',
    ]);
    expect(await h.store.instanceVariables(Number(key))).toEqual([{ scopeKey: Number(key), instanceKey: Number(key), name: 'a', value: '1' }]);
  });

  it('waits at a service task and completes through an in-process handler', async () => {
    h = await createHarness();
    h.engine.registerJobHandler({ type: 'double', handler: async (job) => ({ kind: 'complete', variables: { y: (job.variables.x as number) * 2 } }) });
    const id = await h.deploy(bpmn('svc', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'double')}
    <bpmn:endEvent id="end" />
${flow('f1', 'start', 'task')}
${flow('f2', 'task', 'end')}`));
    const key = await h.start(id, { x: 21 });
    await until(h, async () => (await h.store.getInstance(Number(key)))?.state === 'completed');
    const instance = await h.store.getInstance(Number(key));
    expect(instance?.state).toBe('completed');
    const vars = Object.fromEntries((await h.store.instanceVariables(Number(key))).map((v) => [v.name, JSON.parse(v.value)]));
    expect(vars).toEqual({ x: 21, y: 42 });
  });
});
