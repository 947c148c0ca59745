import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, errorBoundary, errorDefinition, flow, gateway, scriptTask, serviceTask, subProcess, timerBoundary } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { elementsWith, jobsOf, rootVariables, stateOf, until } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

const MINUTE = 60_000;

describe('error boundary events', () => {
  const xml = bpmn('errBoundary', `
    <bpmn:startEvent id="start" />
${subProcess('sp', `
    <bpmn:startEvent id="spStart" />
${serviceTask('task', 'risky')}
    <bpmn:endEvent id="spEnd" />
${errorBoundary('onTaskA', 'task', 'Err_A')}
    <bpmn:endEvent id="endTaskA" />
${chain('spStart', 'task', 'spEnd')}
${chain('onTaskA', 'endTaskA')}`)}
${errorBoundary('onSpB', 'sp', 'Err_B')}
${errorBoundary('onSpAny', 'sp')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="endSpB" />
    <bpmn:endEvent id="endSpAny" />
${chain('start', 'sp', 'end')}
${chain('onSpB', 'endSpB')}
${chain('onSpAny', 'endSpAny')}`, [errorDefinition('Err_A', 'A'), errorDefinition('Err_B', 'B')].join('\n'));


  async function throwFrom(code: string): Promise<string> {
    const key = await h.start('errBoundary');
    const [job] = await jobsOf(h, key);
    await h.engine.throwError(job!.key, { errorCode: code, errorMessage: `thrown ${code}`, variables: { reason: code } });
    return key;
  }

  it('matches by errorCode at the nearest scope first (the task), then outward (the subprocess), then a catch-all', async () => {
    h = await createHarness();
    await h.deploy(xml);

    const a = await throwFrom('A');
    expect(await stateOf(h, a)).toBe('completed');
    expect(await elementsWith(h, a, 'ELEMENT_COMPLETED')).toEqual(expect.arrayContaining(['onTaskA', 'endTaskA']));
    expect(await elementsWith(h, a, 'ELEMENT_TERMINATED')).toEqual(['task']);

    const b = await throwFrom('B');
    expect(await elementsWith(h, b, 'ELEMENT_COMPLETED')).toEqual(expect.arrayContaining(['onSpB', 'endSpB']));
    expect(await elementsWith(h, b, 'ELEMENT_TERMINATED')).toEqual(['task', 'sp']);

    const other = await throwFrom('SOMETHING_ELSE');
    expect(await elementsWith(h, other, 'ELEMENT_COMPLETED')).toEqual(expect.arrayContaining(['onSpAny', 'endSpAny']));
    expect(await elementsWith(h, other, 'ELEMENT_COMPLETED')).not.toContain('onSpB');
    // The error's variables are set where the boundary event continues.
    expect(await rootVariables(h, other)).toEqual({ reason: 'SOMETHING_ELSE' });
    for (const key of [a, b, other]) expect(await jobsOf(h, key)).toEqual([]);
  });
});

describe('timer boundary events', () => {
  it('interrupting: when due, the job is cancelled, the activity terminated and the boundary path taken', async () => {
    h = await createHarness();
    await h.deploy(bpmn('timeoutProc', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'slow')}
${timerBoundary('timeout', 'task', 'timeDuration', 'PT5M')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="timedOut" />
${chain('start', 'task', 'end')}
${chain('timeout', 'timedOut')}`));
    const key = await h.start('timeoutProc');
    h.clock.advance(5 * MINUTE - 1);
    await h.engine.runDue();
    expect(await stateOf(h, key)).toBe('active');
    expect(await jobsOf(h, key)).toHaveLength(1);

    h.clock.advance(1);
    await h.engine.runDue();
    expect(await stateOf(h, key)).toBe('completed');
    expect(await jobsOf(h, key)).toEqual([]);
    expect(await elementsWith(h, key, 'JOB_CANCELED')).toEqual(['task']);
    expect(await elementsWith(h, key, 'ELEMENT_TERMINATED')).toEqual(['task']);
    const completed = await elementsWith(h, key, 'ELEMENT_COMPLETED');
    expect(completed).toEqual(expect.arrayContaining(['timeout', 'timedOut']));
    expect(completed).not.toContain('end');
  });

  it('interrupting timer is removed when the activity completes first', async () => {
    h = await createHarness();
    await h.deploy(bpmn('timeout2', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'slow')}
${timerBoundary('timeout', 'task', 'timeDuration', 'PT5M')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="timedOut" />
${chain('start', 'task', 'end')}
${chain('timeout', 'timedOut')}`));
    const key = await h.start('timeout2');
    const [job] = await jobsOf(h, key);
    await h.engine.completeJob(job!.key);
    h.clock.advance(10 * MINUTE);
    await h.engine.runDue();
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'TIMER_TRIGGERED')).toEqual([]);
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).not.toContain('timedOut');
  });

  it('non-interrupting cycle R2/PT1M fires twice while the task waits; the task still completes normally', async () => {
    h = await createHarness();
    await h.deploy(bpmn('reminder', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'slow')}
${timerBoundary('remind', 'task', 'timeCycle', 'R2/PT1M', false)}
${scriptTask('count', 'reminders + 1', 'reminders')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="reminded" />
${chain('start', 'task', 'end')}
${chain('remind', 'count', 'reminded')}`));
    const key = await h.start('reminder', { reminders: 0 });
    for (let i = 0; i < 3; i++) {
      h.clock.advance(MINUTE);
      await h.engine.runDue();
      await h.engine.runDue();
    }
    expect(await rootVariables(h, key)).toEqual({ reminders: 2 });
    expect(await elementsWith(h, key, 'TIMER_TRIGGERED')).toEqual(['remind', 'remind']);
    expect(await stateOf(h, key)).toBe('active');
    const [job] = await jobsOf(h, key);
    expect(job!.elementId).toBe('task');

    await h.engine.completeJob(job!.key, { done: true });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toEqual(expect.arrayContaining(['task', 'end']));
    expect(await elementsWith(h, key, 'ELEMENT_TERMINATED')).toEqual([]);
  });

  it('non-interrupting timers of an activity are removed when it completes', async () => {
    h = await createHarness();
    await h.deploy(bpmn('reminder2', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'slow')}
${timerBoundary('remind', 'task', 'timeCycle', 'R/PT1M', false)}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="reminded" />
${chain('start', 'task', 'end')}
${chain('remind', 'reminded')}`));
    const key = await h.start('reminder2');
    h.clock.advance(MINUTE);
    await h.engine.runDue();
    const [job] = await jobsOf(h, key);
    await h.engine.completeJob(job!.key);
    h.clock.advance(10 * MINUTE);
    await h.engine.runDue();
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'TIMER_TRIGGERED')).toEqual(['remind']);
  });
});

describe('boundary paths that loop or keep the instance alive', () => {
  it('an interrupting timer that leads back to its task creates a fresh job each round', async () => {
    h = await createHarness();
    await h.deploy(bpmn('retryLoop', `
    <bpmn:startEvent id="start" />
${gateway('exclusive', 'merge')}
${serviceTask('task', 'slow')}
${timerBoundary('retry', 'task', 'timeDuration', 'PT1M')}
    <bpmn:endEvent id="end" />
${chain('start', 'merge', 'task', 'end')}
${flow('back', 'retry', 'merge')}`));
    const key = await h.start('retryLoop');
    const first = (await jobsOf(h, key))[0]!;
    h.clock.advance(MINUTE);
    await h.engine.runDue();
    h.clock.advance(MINUTE);
    await h.engine.runDue();
    const jobs = await jobsOf(h, key);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.key).not.toBe(first.key);
    expect(await elementsWith(h, key, 'JOB_CANCELED')).toEqual(['task', 'task']);
    await h.engine.completeJob(jobs[0]!.key);
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'TIMER_TRIGGERED')).toEqual(['retry', 'retry']);
  });

  it('an error boundary that leads back to its task retries the business step', async () => {
    h = await createHarness();
    let attempts = 0;
    h.engine.registerJobHandler({
      type: 'check',
      handler: async () => (++attempts < 3 ? { kind: 'error', errorCode: 'NOT_YET' } : { kind: 'complete', variables: { attempts } }),
    });
    await h.deploy(bpmn('errLoop', `
    <bpmn:startEvent id="start" />
${gateway('exclusive', 'merge')}
${serviceTask('task', 'check')}
${errorBoundary('notYet', 'task', 'Err_NotYet')}
    <bpmn:endEvent id="end" />
${chain('start', 'merge', 'task', 'end')}
${flow('back', 'notYet', 'merge')}`, errorDefinition('Err_NotYet', 'NOT_YET')));
    const key = await h.start('errLoop');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(await rootVariables(h, key)).toEqual({ attempts: 3 });
    expect(await elementsWith(h, key, 'ERROR_CAUGHT')).toEqual(['notYet', 'notYet']);
  });

  it('a non-interrupting path still running keeps the instance active after the task completed', async () => {
    h = await createHarness();
    await h.deploy(bpmn('escalate', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'work')}
${timerBoundary('remind', 'task', 'timeDuration', 'PT1M', false)}
${serviceTask('escalation', 'escalate')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="escalated" />
${chain('start', 'task', 'end')}
${chain('remind', 'escalation', 'escalated')}`));
    const key = await h.start('escalate');
    h.clock.advance(MINUTE);
    await h.engine.runDue();
    const work = (await jobsOf(h, key)).find((j) => j.type === 'work')!;
    await h.engine.completeJob(work.key);
    expect(await stateOf(h, key)).toBe('active');
    const escalation = (await jobsOf(h, key)).find((j) => j.type === 'escalate')!;
    await h.engine.completeJob(escalation.key);
    expect(await stateOf(h, key)).toBe('completed');
  });
});

