import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, element, scriptTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, elementsWith, jobsOf, rootVariables, stateOf } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

describe('script task (zeebe:script)', () => {
  const xml = (expression: string) =>
    bpmn('script', `
    <bpmn:startEvent id="start" />
${scriptTask('calc', expression, 'total')}
    <bpmn:endEvent id="end" />
${chain('start', 'calc', 'end')}`);

  it('stores the value in the result variable and goes on', async () => {
    h = await createHarness();
    await h.deploy(xml('sum(for item in items return item.price * item.qty)'));
    const key = await h.start('script', { items: [{ price: 2, qty: 3 }, { price: 5, qty: 1 }] });
    expect(await stateOf(h, key)).toBe('completed');
    expect((await rootVariables(h, key)).total).toBe(11);
    expect(await jobsOf(h, key)).toEqual([]);
  });

  it('a FEEL failure is an EXTRACT_VALUE_ERROR incident; resolving after setting a variable continues', async () => {
    h = await createHarness();
    // A range is not a value a variable can hold: the evaluation fails.
    await h.deploy(xml('if ready then count(items) else [1..3]'));
    const key = await h.start('script', { ready: false, items: [1, 2] });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'calc' });
    expect(incident!.message).toContain('range');
    expect(await stateOf(h, key)).toBe('active');

    await h.engine.setVariables(key, { ready: true });
    await h.engine.resolveIncident(incident!.key);
    expect(await stateOf(h, key)).toBe('completed');
    expect((await rootVariables(h, key)).total).toBe(2);
  });
});

describe('user task', () => {
  it('is a job of type io.camunda.zeebe:userTask with its assignment as headers, completed through activateJobs/completeJob', async () => {
    h = await createHarness();
    await h.deploy(bpmn('approval', `
    <bpmn:startEvent id="start" />
${element('userTask', 'approve', '<zeebe:assignmentDefinition assignee="alice" candidateGroups="managers" /><zeebe:formDefinition formKey="camunda-forms:bpmn:approveForm" />')}
    <bpmn:endEvent id="end" />
${chain('start', 'approve', 'end')}`));
    const key = await h.start('approval', { amount: 500 });
    const [job] = await h.engine.activateJobs({ type: 'io.camunda.zeebe:userTask', maxJobs: 10, timeoutMs: 60_000, worker: 'tasklist' });
    expect(job).toMatchObject({ elementId: 'approve', processInstanceKey: key });
    expect(job!.headers).toMatchObject({
      'io.camunda.zeebe:assignee': 'alice',
      'io.camunda.zeebe:candidateGroups': 'managers',
      'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:approveForm',
    });
    expect(job!.variables).toEqual({ amount: 500 });
    await h.engine.completeJob(job!.key, { approved: true });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await rootVariables(h, key)).toEqual({ amount: 500, approved: true });
  });
});

describe('plain and manual tasks', () => {
  it('pass the token straight through', async () => {
    h = await createHarness();
    await h.deploy(bpmn('plain', `
    <bpmn:startEvent id="start" />
    <bpmn:task id="plainTask" />
    <bpmn:manualTask id="manual" />
    <bpmn:endEvent id="end" />
${chain('start', 'plainTask', 'manual', 'end')}`));
    const key = await h.start('plain');
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toEqual(['start', 'plainTask', 'manual', 'end']);
    expect(await jobsOf(h, key)).toEqual([]);
  });
});
