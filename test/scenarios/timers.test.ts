import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, flow, timerCatch, timerStart } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { elementsWith, stateOf } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function instancesOf(bpmnProcessId: string) {
  return h.store.listInstances({ bpmnProcessId, limit: 100 });
}

/** Move the clock and fire what is due — twice, to show a due firing happens exactly once. */
async function advance(ms: number): Promise<void> {
  h.clock.advance(ms);
  await h.engine.runDue();
  await h.engine.runDue();
}

// The harness clock starts at 2026-01-01T12:00:00Z.
describe('timer start events', () => {
  it('timeDate: creates one instance when the date is reached', async () => {
    h = await createHarness();
    await h.deploy(bpmn('atDate', `
${timerStart('start', 'timeDate', '2026-01-01T13:00:00Z')}
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`));
    await advance(HOUR - 1);
    expect(await instancesOf('atDate')).toEqual([]);
    await advance(1);
    const [instance, ...more] = await instancesOf('atDate');
    expect(more).toEqual([]);
    expect(instance!.state).toBe('completed');
    expect(await elementsWith(h, instance!.key, 'ELEMENT_COMPLETED')).toEqual(['start', 'end']);
    await advance(24 * HOUR);
    expect(await instancesOf('atDate')).toHaveLength(1);
  });

  it('timeCycle R3/PT1H: one instance per hour, three in all', async () => {
    h = await createHarness();
    await h.deploy(bpmn('hourly', `
${timerStart('start', 'timeCycle', 'R3/PT1H')}
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`));
    await advance(HOUR - 1);
    expect(await instancesOf('hourly')).toHaveLength(0);
    await advance(1);
    expect(await instancesOf('hourly')).toHaveLength(1);
    await advance(HOUR);
    expect(await instancesOf('hourly')).toHaveLength(2);
    await advance(HOUR);
    expect(await instancesOf('hourly')).toHaveLength(3);
    await advance(HOUR);
    await advance(HOUR);
    expect(await instancesOf('hourly')).toHaveLength(3);
    for (const instance of await instancesOf('hourly')) expect(instance.state).toBe('completed');
  });

  it('timeCycle with a start date: R2/2026-01-01T15:00:00Z/PT1H fires at 15:00 and 16:00', async () => {
    h = await createHarness();
    await h.deploy(bpmn('fromThree', `
${timerStart('start', 'timeCycle', 'R2/2026-01-01T15:00:00Z/PT1H')}
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`));
    await advance(3 * HOUR - 1);
    expect(await instancesOf('fromThree')).toHaveLength(0);
    await advance(1);
    expect(await instancesOf('fromThree')).toHaveLength(1);
    await advance(HOUR);
    await advance(5 * HOUR);
    const started = await instancesOf('fromThree');
    expect(started.map((i) => new Date(i.startedAt).toISOString())).toEqual(['2026-01-01T15:00:00.000Z', '2026-01-01T16:00:00.000Z']);
  });

  it('cron 0 0 9 * * *: one instance every day at 09:00', async () => {
    h = await createHarness();
    await h.deploy(bpmn('daily', `
${timerStart('start', 'timeCycle', '0 0 9 * * *')}
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`));
    await advance(21 * HOUR - 1); // 2026-01-02T08:59:59.999Z
    expect(await instancesOf('daily')).toHaveLength(0);
    await advance(1);
    const [first] = await instancesOf('daily');
    expect(new Date(first!.startedAt).toISOString()).toBe('2026-01-02T09:00:00.000Z');
    await advance(12 * HOUR);
    expect(await instancesOf('daily')).toHaveLength(1);
    await advance(12 * HOUR);
    expect(await instancesOf('daily')).toHaveLength(2);
  });

  it('timeDuration is refused on a start event, as Zeebe allows only timeDate and timeCycle there', async () => {
    h = await createHarness();
    await expect(h.deploy(bpmn('afterDuration', `
${timerStart('start', 'timeDuration', 'PT1H')}
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`))).rejects.toMatchObject({ code: 'DEPLOYMENT_INVALID', message: expect.stringContaining('timeDuration') });
  });

  it('a new version replaces the previous version’s start timers', async () => {
    h = await createHarness();
    await h.deploy(bpmn('versioned', `
${timerStart('start', 'timeCycle', 'R/PT1H')}
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`));
    await advance(HOUR);
    expect((await instancesOf('versioned')).map((i) => i.version)).toEqual([1]);
    await h.deploy(bpmn('versioned', `
${timerStart('start', 'timeCycle', 'R/PT2H')}
    <bpmn:endEvent id="end2" />
${chain('start', 'end2')}`));
    await advance(HOUR);
    expect((await instancesOf('versioned')).map((i) => i.version)).toEqual([1]);
    await advance(HOUR);
    expect((await instancesOf('versioned')).map((i) => i.version)).toEqual([1, 2]);
    await advance(2 * HOUR);
    expect((await instancesOf('versioned')).map((i) => i.version)).toEqual([1, 2, 2]);
  });
});

describe('start timers across deployments', () => {
  const hourly = bpmn('redeployed', `
${timerStart('start', 'timeCycle', 'R/PT1H')}
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`);

  it('deploying the identical XML again keeps one version and one timer', async () => {
    h = await createHarness();
    await h.deploy(hourly);
    await h.deploy(hourly);
    await advance(HOUR);
    expect((await instancesOf('redeployed')).map((i) => i.version)).toEqual([1]);
    await advance(HOUR);
    expect((await instancesOf('redeployed')).map((i) => i.version)).toEqual([1, 1]);
  });

  it('a new version without a timer start event stops the old version’s timer', async () => {
    h = await createHarness();
    await h.deploy(hourly);
    await h.deploy(bpmn('redeployed', `
    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`));
    await advance(3 * HOUR);
    expect(await instancesOf('redeployed')).toEqual([]);
  });

  it('two timer start events in one process each start their own instances', async () => {
    h = await createHarness();
    await h.deploy(bpmn('twoStarts', `
${timerStart('early', 'timeDate', '2026-01-01T12:30:00Z')}
${timerStart('late', 'timeDate', '2026-01-01T13:30:00Z')}
    <bpmn:endEvent id="end" />
${chain('early', 'end')}
${flow('f_late_end', 'late', 'end')}`));
    await advance(HOUR);
    await advance(HOUR);
    const started = await instancesOf('twoStarts');
    expect(started).toHaveLength(2);
    const starts = await Promise.all(started.map(async (i) => (await elementsWith(h, i.key, 'ELEMENT_COMPLETED'))[0]));
    expect(starts).toEqual(['early', 'late']);
  });
});

describe('intermediate timer catch events', () => {
  const catching = (kind: 'timeDuration' | 'timeDate', value: string) =>
    bpmn('waiting', `
    <bpmn:startEvent id="start" />
${timerCatch('wait', kind, value)}
    <bpmn:endEvent id="end" />
${chain('start', 'wait', 'end')}`);

  it('duration: waits, then continues exactly once', async () => {
    h = await createHarness();
    await h.deploy(catching('timeDuration', 'PT10M'));
    const key = await h.start('waiting');
    await advance(10 * MINUTE - 1);
    expect(await stateOf(h, key)).toBe('active');
    await advance(1);
    expect(await stateOf(h, key)).toBe('completed');
    expect(await elementsWith(h, key, 'TIMER_TRIGGERED')).toEqual(['wait']);
  });

  it('date: waits until the date', async () => {
    h = await createHarness();
    await h.deploy(catching('timeDate', '2026-01-03T00:00:00Z'));
    const key = await h.start('waiting');
    await advance(36 * HOUR - 1);
    expect(await stateOf(h, key)).toBe('active');
    await advance(1);
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('expression: the duration comes from a variable', async () => {
    h = await createHarness();
    await h.deploy(catching('timeDuration', '=delay'));
    const key = await h.start('waiting', { delay: 'PT30S' });
    await advance(29_999);
    expect(await stateOf(h, key)).toBe('active');
    await advance(1);
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('expression: a FEEL duration value works as well', async () => {
    h = await createHarness();
    await h.deploy(catching('timeDuration', '=duration("PT" + string(minutes) + "M")'));
    const key = await h.start('waiting', { minutes: 3 });
    await advance(3 * MINUTE);
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('expression: a date and time built in FEEL', async () => {
    h = await createHarness();
    await h.deploy(catching('timeDate', '=date and time(day + "T06:00:00Z")'));
    const key = await h.start('waiting', { day: '2026-01-02' });
    await advance(18 * HOUR - 1);
    expect(await stateOf(h, key)).toBe('active');
    await advance(1);
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('expression that yields no valid duration: EXTRACT_VALUE_ERROR incident; resolving with a fixed variable waits again', async () => {
    h = await createHarness();
    await h.deploy(catching('timeDuration', '=delay'));
    const key = await h.start('waiting', { delay: 'soon' });
    const [incident] = await h.store.listIncidents({ instanceKey: Number(key), state: 'active', limit: 10 });
    expect(incident).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    await h.engine.resolveIncident(incident!.key, { variables: { delay: 'PT1M' } });
    expect(await stateOf(h, key)).toBe('active');
    await advance(MINUTE);
    expect(await stateOf(h, key)).toBe('completed');
  });
});

describe('runDue', () => {
  it('fires what is due at the time of the call, even while an earlier run is still going', async () => {
    h = await createHarness();
    await h.deploy(bpmn('racing', `
    <bpmn:startEvent id="start" />
${timerCatch('wait', 'timeDuration', 'PT10M')}
    <bpmn:endEvent id="end" />
${chain('start', 'wait', 'end')}`));
    const key = await h.start('racing');
    const earlier = h.engine.runDue(); // reads the clock now: nothing due yet
    h.clock.advance(10 * MINUTE);
    await h.engine.runDue();
    await earlier;
    expect(await stateOf(h, key)).toBe('completed');
  });
});
