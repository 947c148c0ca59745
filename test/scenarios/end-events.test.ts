import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, errorBoundary, errorDefinition, errorEnd, flow, gateway, serviceTask, subProcess, terminateEnd } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, elementsWith, jobsOf, stateOf } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

describe('none end event', () => {
  it('completes the instance once the last token ends', async () => {
    h = await createHarness();
    await h.deploy(bpmn('twoEnds', `
    <bpmn:startEvent id="start" />
${gateway('parallel', 'fork')}
    <bpmn:endEvent id="endA" />
${serviceTask('wait', 'wait-here')}
    <bpmn:endEvent id="endB" />
${chain('start', 'fork')}
${flow('fa', 'fork', 'endA')}
${flow('fb', 'fork', 'wait')}
${chain('wait', 'endB')}`));
    const key = await h.start('twoEnds');
    expect(await stateOf(h, key)).toBe('active');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('endA');
    const [job] = await jobsOf(h, key);
    await h.engine.completeJob(job!.key);
    expect(await stateOf(h, key)).toBe('completed');
  });
});

describe('error end event', () => {
  it('is caught by an error boundary event on the enclosing subprocess, terminating what still runs inside', async () => {
    h = await createHarness();
    await h.deploy(bpmn('errEnd', `
    <bpmn:startEvent id="start" />
${subProcess('sp', `
    <bpmn:startEvent id="spStart" />
${gateway('parallel', 'fork')}
${serviceTask('sibling', 'long-running')}
    <bpmn:endEvent id="siblingEnd" />
${errorEnd('throwIt', 'Err_Reject')}
${chain('spStart', 'fork')}
${flow('toSibling', 'fork', 'sibling')}
${flow('toThrow', 'fork', 'throwIt')}
${chain('sibling', 'siblingEnd')}`)}
${errorBoundary('caught', 'sp', 'Err_Reject')}
    <bpmn:endEvent id="normalEnd" />
    <bpmn:endEvent id="rejectedEnd" />
${chain('start', 'sp', 'normalEnd')}
${chain('caught', 'rejectedEnd')}`, errorDefinition('Err_Reject', 'REJECTED')));
    const key = await h.start('errEnd');
    expect(await stateOf(h, key)).toBe('completed');
    expect(await jobsOf(h, key)).toEqual([]);
    const terminated = await elementsWith(h, key, 'ELEMENT_TERMINATED');
    expect(terminated).toEqual(expect.arrayContaining(['sibling', 'sp']));
    const completed = await elementsWith(h, key, 'ELEMENT_COMPLETED');
    expect(completed).toContain('rejectedEnd');
    expect(completed).not.toContain('normalEnd');
    expect(completed).not.toContain('sp');
    expect(await elementsWith(h, key, 'JOB_CANCELED')).toEqual(['sibling']);
  });

  it('raises UNHANDLED_ERROR_EVENT when nothing catches the error', async () => {
    h = await createHarness();
    await h.deploy(bpmn('errUncaught', `
    <bpmn:startEvent id="start" />
${errorEnd('throwIt', 'Err_X')}
${chain('start', 'throwIt')}`, errorDefinition('Err_X', 'NOT_CAUGHT')));
    const key = await h.start('errUncaught');
    expect(await stateOf(h, key)).toBe('active');
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'UNHANDLED_ERROR_EVENT', elementId: 'throwIt' });
    expect(incident!.message).toContain('NOT_CAUGHT');
  });
});

describe('terminate end event', () => {
  it('inside a subprocess: terminates the siblings, cancels their jobs, completes the subprocess and the process goes on', async () => {
    h = await createHarness();
    await h.deploy(bpmn('termSub', `
    <bpmn:startEvent id="start" />
${subProcess('sp', `
    <bpmn:startEvent id="spStart" />
${gateway('parallel', 'fork')}
${serviceTask('a', 'job-a')}
${serviceTask('b', 'job-b')}
    <bpmn:endEvent id="aEnd" />
${terminateEnd('kill')}
${chain('spStart', 'fork')}
${flow('fa', 'fork', 'a')}
${flow('fb', 'fork', 'b')}
${chain('a', 'aEnd')}
${chain('b', 'kill')}`)}
${serviceTask('after', 'job-after')}
    <bpmn:endEvent id="end" />
${chain('start', 'sp', 'after', 'end')}`));
    const key = await h.start('termSub');
    const jobB = (await jobsOf(h, key)).find((j) => j.type === 'job-b')!;
    await h.engine.completeJob(jobB.key);
    const jobs = await jobsOf(h, key);
    expect(jobs.map((j) => j.type)).toEqual(['job-after']);
    expect(await elementsWith(h, key, 'ELEMENT_TERMINATED')).toEqual(['a']);
    expect(await elementsWith(h, key, 'JOB_CANCELED')).toEqual(['a']);
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('sp');
    await h.engine.completeJob(jobs[0]!.key);
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('at process level: terminates every other token and the instance completes', async () => {
    h = await createHarness();
    await h.deploy(bpmn('termTop', `
    <bpmn:startEvent id="start" />
${gateway('parallel', 'fork')}
${serviceTask('a', 'job-a')}
    <bpmn:endEvent id="aEnd" />
${terminateEnd('kill')}
${chain('start', 'fork')}
${flow('fa', 'fork', 'a')}
${flow('fk', 'fork', 'kill')}
${chain('a', 'aEnd')}`));
    const key = await h.start('termTop');
    expect(await stateOf(h, key)).toBe('completed');
    expect(await jobsOf(h, key)).toEqual([]);
    expect(await elementsWith(h, key, 'ELEMENT_TERMINATED')).toEqual(['a']);
    expect((await elementsWith(h, key, 'ELEMENT_COMPLETED'))).toContain('kill');
  });
});
