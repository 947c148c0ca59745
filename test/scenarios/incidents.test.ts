import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, element, flow, gateway, ioMapping, scriptTask, serviceTask, subProcess, timerBoundary } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, elementsWith, jobsOf, rootVariables, stateOf, until } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

const MINUTE = 60_000;

describe('incidents', () => {
  it('an interrupting timer on a task with an open incident terminates it and cancels the incident', async () => {
    h = await createHarness();
    await h.deploy(bpmn('stuck', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'ext', { retries: 1 })}
${timerBoundary('giveUp', 'task', 'timeDuration', 'PT1H')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="gaveUp" />
${chain('start', 'task', 'end')}
${chain('giveUp', 'gaveUp')}`));
    const key = await h.start('stuck');
    const [job] = await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: MINUTE, worker: 'w' });
    await h.engine.failJob(job!.key, { retries: 0, errorMessage: 'broken' });
    const [incident] = await activeIncidents(h, key);
    expect(incident!.type).toBe('JOB_NO_RETRIES');

    h.clock.advance(60 * MINUTE);
    await h.engine.runDue();
    expect(await stateOf(h, key)).toBe('completed');
    expect(await activeIncidents(h, key)).toEqual([]);
    expect(await elementsWith(h, key, 'INCIDENT_CANCELED')).toEqual(['task']);
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('gaveUp');
    await expect(h.engine.resolveIncident(incident!.key)).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
  });

  it('an interrupting timer on a subprocess ends everything inside: jobs, incidents, timers', async () => {
    h = await createHarness();
    await h.deploy(bpmn('spTimeout', `
    <bpmn:startEvent id="start" />
${subProcess('sp', `
    <bpmn:startEvent id="spStart" />
${gateway('parallel', 'fork')}
${serviceTask('work', 'ext')}
${scriptTask('bad', '[1..2]', 'x')}
${timerBoundary('inner', 'work', 'timeDuration', 'PT2H')}
    <bpmn:endEvent id="innerEnd" />
    <bpmn:endEvent id="workEnd" />
    <bpmn:endEvent id="badEnd" />
${chain('spStart', 'fork')}
${flow('fw', 'fork', 'work')}
${flow('fb', 'fork', 'bad')}
${chain('work', 'workEnd')}
${chain('bad', 'badEnd')}
${chain('inner', 'innerEnd')}`)}
${timerBoundary('outer', 'sp', 'timeDuration', 'PT1H')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="timedOut" />
${chain('start', 'sp', 'end')}
${chain('outer', 'timedOut')}`));
    const key = await h.start('spTimeout');
    expect(await activeIncidents(h, key)).toHaveLength(1);
    expect(await jobsOf(h, key)).toHaveLength(1);

    h.clock.advance(60 * MINUTE);
    await h.engine.runDue();
    expect(await stateOf(h, key)).toBe('completed');
    expect(await jobsOf(h, key)).toEqual([]);
    expect(await activeIncidents(h, key)).toEqual([]);
    expect((await elementsWith(h, key, 'ELEMENT_TERMINATED')).sort()).toEqual(['bad', 'sp', 'work']);
    h.clock.advance(2 * 60 * MINUTE);
    await h.engine.runDue();
    expect(await elementsWith(h, key, 'TIMER_TRIGGERED')).toEqual(['outer']);
  });

  it('a boundary timer whose expression fails stops the activity before it starts; resolving arms it and creates the job', async () => {
    h = await createHarness();
    await h.deploy(bpmn('badTimer', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'ext')}
${timerBoundary('late', 'task', 'timeDuration', '=sla')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="lateEnd" />
${chain('start', 'task', 'end')}
${chain('late', 'lateEnd')}`));
    const key = await h.start('badTimer');
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'task' });
    expect(await jobsOf(h, key)).toEqual([]);

    await h.engine.resolveIncident(incident!.key, { variables: { sla: 'PT5M' } });
    expect(await jobsOf(h, key)).toHaveLength(1);
    h.clock.advance(5 * MINUTE);
    await h.engine.runDue();
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('lateEnd');
  });

  it('an incident can be resolved once', async () => {
    h = await createHarness();
    await h.deploy(bpmn('once', `
    <bpmn:startEvent id="start" />
${scriptTask('calc', 'if ok then 1 else [1..2]', 'x')}
    <bpmn:endEvent id="end" />
${chain('start', 'calc', 'end')}`));
    const key = await h.start('once', { ok: false });
    const [incident] = await activeIncidents(h, key);
    await h.engine.resolveIncident(incident!.key);
    // Still failing: a new incident replaces the resolved one.
    const [next] = await activeIncidents(h, key);
    expect(next!.key).not.toBe(incident!.key);
    await expect(h.engine.resolveIncident(incident!.key)).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    await h.engine.resolveIncident(next!.key, { variables: { ok: true } });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await rootVariables(h, key)).toEqual({ ok: true, x: 1 });
  });
});

describe('error variables with output mappings on the boundary event', () => {
  it('map the error’s variables into the process; the rest stay on the event', async () => {
    h = await createHarness();
    await h.deploy(bpmn('errOut', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'ext')}
${element('boundaryEvent', 'caught', ioMapping([], [['="declined: " + reason', 'summary']]), '<bpmn:errorEventDefinition />', ' attachedToRef="task"')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="errEnd" />
${chain('start', 'task', 'end')}
${chain('caught', 'errEnd')}`));
    const key = await h.start('errOut');
    const [job] = await jobsOf(h, key);
    await h.engine.throwError(job!.key, { errorCode: 'ANY', variables: { reason: 'limit', detail: { code: 7 } } });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await rootVariables(h, key)).toEqual({ summary: 'declined: limit' });
  });
});

describe('late answers from handlers', () => {
  it('a handler finishing after its instance was cancelled changes nothing and reports no engine error', async () => {
    const errors: unknown[] = [];
    h = await createHarness({ onError: (e) => errors.push(e) });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    h.engine.registerJobHandler({ type: 'slow', handler: async () => (await released, { kind: 'complete', variables: { late: true } }) });
    await h.deploy(bpmn('lateAnswer', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'slow')}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`));
    const key = await h.start('lateAnswer');
    await until(h, async () => (await jobsOf(h, key))[0]?.state === 'activated');
    await h.engine.cancelInstance(key);
    release();
    await h.settle();
    expect(await stateOf(h, key)).toBe('terminated');
    expect(await rootVariables(h, key)).toEqual({});
    expect(errors).toEqual([]);
  });

  it('a handler finishing after an interrupting timer took the boundary path changes nothing', async () => {
    const errors: unknown[] = [];
    h = await createHarness({ onError: (e) => errors.push(e) });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    h.engine.registerJobHandler({ type: 'slow', handler: async () => (await released, { kind: 'complete', variables: { late: true } }) });
    await h.deploy(bpmn('lateAfterTimer', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'slow')}
${timerBoundary('timeout', 'task', 'timeDuration', 'PT1M')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="timedOut" />
${chain('start', 'task', 'end')}
${chain('timeout', 'timedOut')}`));
    const key = await h.start('lateAfterTimer');
    await until(h, async () => (await jobsOf(h, key))[0]?.state === 'activated');
    h.clock.advance(MINUTE);
    await h.engine.runDue();
    release();
    await h.settle();
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).not.toContain('end');
    expect(await rootVariables(h, key)).toEqual({});
    expect(errors).toEqual([]);
  });
});
