import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, flow, gateway, scriptTask, serviceTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, elementsWith, jobsOf, rootVariables, stateOf } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

const count = (ids: string[], id: string) => ids.filter((x) => x === id).length;

describe('exclusive gateway', () => {
  const xml = (withDefault: boolean) =>
    bpmn('xorProcess', `
    <bpmn:startEvent id="start" />
${gateway('exclusive', 'xor', withDefault ? 'toDefault' : undefined)}
    <bpmn:endEvent id="endA" />
    <bpmn:endEvent id="endB" />
    <bpmn:endEvent id="endDefault" />
${flow('f0', 'start', 'xor')}
${flow('toA', 'xor', 'endA', 'x > 1')}
${flow('toB', 'xor', 'endB', 'x > 3')}
${withDefault ? flow('toDefault', 'xor', 'endDefault') : ''}`);

  it('takes the first flow (document order) whose condition is true, only that one', async () => {
    h = await createHarness();
    await h.deploy(xml(true));
    const key = await h.start('xorProcess', { x: 5 });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'SEQUENCE_FLOW_TAKEN')).toEqual(['f0', 'toA']);
    const completed = await elementsWith(h, key, 'ELEMENT_COMPLETED');
    expect(completed).toContain('endA');
    expect(completed).not.toContain('endB');
  });

  it('takes the default flow when no condition is true', async () => {
    h = await createHarness();
    await h.deploy(xml(true));
    const key = await h.start('xorProcess', { x: 0 });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('endDefault');
  });

  it('raises CONDITION_ERROR when nothing matches and there is no default; resolving after fixing the variables continues', async () => {
    h = await createHarness();
    await h.deploy(xml(false));
    const key = await h.start('xorProcess', { x: 0 });
    expect(await stateOf(h, key)).toBe('active');
    const [incident, ...more] = await activeIncidents(h, key);
    expect(more).toEqual([]);
    expect(incident).toMatchObject({ type: 'CONDITION_ERROR', elementId: 'xor' });

    await h.engine.setVariables(key, { x: 4 });
    await h.engine.resolveIncident(incident!.key);
    expect(await stateOf(h, key)).toBe('completed');
    expect(await activeIncidents(h, key)).toEqual([]);
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('endA');
    expect(await elementsWith(h, key, 'INCIDENT_RESOLVED')).toEqual(['xor']);
  });

  it('raises CONDITION_ERROR when a condition is not boolean; resolving with new variables continues', async () => {
    h = await createHarness();
    await h.deploy(bpmn('xorType', `
    <bpmn:startEvent id="start" />
${gateway('exclusive', 'xor')}
    <bpmn:endEvent id="endA" />
    <bpmn:endEvent id="endB" />
${flow('f0', 'start', 'xor')}
${flow('toA', 'xor', 'endA', 'flag')}
${flow('toB', 'xor', 'endB', 'not(flag)')}`));
    const key = await h.start('xorType', { flag: 'yes' });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'CONDITION_ERROR', elementId: 'xor' });
    expect(incident!.message).toContain('flag');

    await h.engine.resolveIncident(incident!.key, { variables: { flag: false } });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('endB');
  });
});

describe('parallel gateway', () => {
  it('forks into every branch and joins once when all arrived', async () => {
    h = await createHarness();
    await h.deploy(bpmn('par', `
    <bpmn:startEvent id="start" />
${gateway('parallel', 'fork')}
${serviceTask('a', 'work-a')}
${serviceTask('b', 'work-b')}
${gateway('parallel', 'join')}
    <bpmn:endEvent id="end" />
${chain('start', 'fork')}
${flow('fa', 'fork', 'a')}
${flow('fb', 'fork', 'b')}
${flow('aj', 'a', 'join')}
${flow('bj', 'b', 'join')}
${chain('join', 'end')}`));
    const key = await h.start('par');
    const jobs = await jobsOf(h, key);
    expect(jobs.map((j) => j.type).sort()).toEqual(['work-a', 'work-b']);

    await h.engine.completeJob(jobs.find((j) => j.type === 'work-a')!.key, { a: 1 });
    expect(await stateOf(h, key)).toBe('active');
    expect(await elementsWith(h, key, 'ELEMENT_ACTIVATED')).not.toContain('join');

    await h.engine.completeJob(jobs.find((j) => j.type === 'work-b')!.key, { b: 2 });
    expect(await stateOf(h, key)).toBe('completed');
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'join')).toBe(1);
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'end')).toBe(1);
    expect(await rootVariables(h, key)).toEqual({ a: 1, b: 2 });
  });

  it('joins once when the branches complete concurrently', async () => {
    h = await createHarness();
    await h.deploy(bpmn('parConcurrent', `
    <bpmn:startEvent id="start" />
${gateway('parallel', 'fork')}
${serviceTask('a', 'work-a')}
${serviceTask('b', 'work-b')}
${serviceTask('c', 'work-c')}
${gateway('parallel', 'join')}
    <bpmn:endEvent id="end" />
${chain('start', 'fork')}
${flow('fa', 'fork', 'a')}
${flow('fb', 'fork', 'b')}
${flow('fc', 'fork', 'c')}
${flow('aj', 'a', 'join')}
${flow('bj', 'b', 'join')}
${flow('cj', 'c', 'join')}
${chain('join', 'end')}`));
    const key = await h.start('parConcurrent');
    const jobs = await jobsOf(h, key);
    await Promise.all(jobs.map((job) => h.engine.completeJob(job.key, { [job.type]: true })));
    expect(await stateOf(h, key)).toBe('completed');
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'join')).toBe(1);
    expect(await rootVariables(h, key)).toEqual({ 'work-a': true, 'work-b': true, 'work-c': true });
  });

  it('joins an unstructured graph: three incoming flows merged unevenly (one branch forks again)', async () => {
    h = await createHarness();
    // fork1 → q ──────────────┐
    //       → fork2 → r ──────┤ join (3 incoming) → end
    //               → s (job) ┘
    await h.deploy(bpmn('unstructured', `
    <bpmn:startEvent id="start" />
${gateway('parallel', 'fork1')}
${gateway('parallel', 'fork2')}
    <bpmn:task id="q" />
    <bpmn:manualTask id="r" />
${serviceTask('s', 'slow')}
${gateway('parallel', 'join')}
    <bpmn:endEvent id="end" />
${chain('start', 'fork1')}
${flow('f1q', 'fork1', 'q')}
${flow('f1f2', 'fork1', 'fork2')}
${flow('f2r', 'fork2', 'r')}
${flow('f2s', 'fork2', 's')}
${flow('qj', 'q', 'join')}
${flow('rj', 'r', 'join')}
${flow('sj', 's', 'join')}
${chain('join', 'end')}`));
    const key = await h.start('unstructured');
    expect(await stateOf(h, key)).toBe('active');
    expect(await elementsWith(h, key, 'ELEMENT_ACTIVATED')).not.toContain('join');
    const [job] = await jobsOf(h, key);
    await h.engine.completeJob(job!.key);
    expect(await stateOf(h, key)).toBe('completed');
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'join')).toBe(1);
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'end')).toBe(1);
  });

  it('loops through a fork and join: the join fires once per round', async () => {
    h = await createHarness();
    await h.deploy(bpmn('parLoop', `
    <bpmn:startEvent id="start" />
${gateway('exclusive', 'merge')}
${gateway('parallel', 'fork')}
${scriptTask('inc', 'n + 1', 'n')}
    <bpmn:task id="other" />
${gateway('parallel', 'join')}
${gateway('exclusive', 'again', 'done')}
    <bpmn:endEvent id="end" />
${chain('start', 'merge', 'fork')}
${flow('fi', 'fork', 'inc')}
${flow('fo', 'fork', 'other')}
${flow('ij', 'inc', 'join')}
${flow('oj', 'other', 'join')}
${chain('join', 'again')}
${flow('back', 'again', 'merge', 'n < 3')}
${flow('done', 'again', 'end')}`));
    const key = await h.start('parLoop', { n: 0 });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await rootVariables(h, key)).toEqual({ n: 3 });
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'join')).toBe(3);
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'end')).toBe(1);
  });
});

describe('inclusive gateway', () => {
  const xml = bpmn('inc', `
    <bpmn:startEvent id="start" />
${gateway('inclusive', 'fork', 'toC')}
    <bpmn:task id="a" />
${serviceTask('b', 'slow-b')}
    <bpmn:task id="c" />
${gateway('inclusive', 'join')}
    <bpmn:endEvent id="end" />
${chain('start', 'fork')}
${flow('toA', 'fork', 'a', 'wantA')}
${flow('toB', 'fork', 'b', 'wantB')}
${flow('toC', 'fork', 'c')}
${flow('aj', 'a', 'join')}
${flow('bj', 'b', 'join')}
${flow('cj', 'c', 'join')}
${chain('join', 'end')}`);

  it('takes only the true branch of three; the join fires at once since nothing else can arrive', async () => {
    h = await createHarness();
    await h.deploy(xml);
    const key = await h.start('inc', { wantA: true, wantB: false });
    expect(await stateOf(h, key)).toBe('completed');
    const taken = await elementsWith(h, key, 'SEQUENCE_FLOW_TAKEN');
    expect(taken).toContain('toA');
    expect(taken).not.toContain('toB');
    expect(taken).not.toContain('toC');
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'join')).toBe(1);
  });

  it('takes every true branch; the join waits for the branch still at a job', async () => {
    h = await createHarness();
    await h.deploy(xml);
    const key = await h.start('inc', { wantA: true, wantB: true });
    expect(await stateOf(h, key)).toBe('active');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('a');
    expect(await elementsWith(h, key, 'ELEMENT_ACTIVATED')).not.toContain('join');
    const [job] = await jobsOf(h, key);
    expect(job!.type).toBe('slow-b');
    await h.engine.completeJob(job!.key);
    expect(await stateOf(h, key)).toBe('completed');
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'join')).toBe(1);
    expect(count(await elementsWith(h, key, 'ELEMENT_COMPLETED'), 'end')).toBe(1);
  });

  it('takes the default flow when no condition is true', async () => {
    h = await createHarness();
    await h.deploy(xml);
    const key = await h.start('inc', { wantA: false, wantB: false });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'SEQUENCE_FLOW_TAKEN')).toContain('toC');
  });
});
