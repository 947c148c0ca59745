import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, flow, gateway, scriptTask, serviceTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, rootVariables, stateOf, until } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

// merge → inc (script) → check ─(n ≥ 0: always)→ merge … a loop with no wait state.
const endless = bpmn('endless', `
    <bpmn:startEvent id="start" />
${gateway('exclusive', 'merge')}
${scriptTask('inc', 'n + 1', 'n')}
${gateway('exclusive', 'check')}
    <bpmn:endEvent id="end" />
${chain('start', 'merge', 'inc', 'check')}
${flow('again', 'check', 'merge', 'n >= 0')}
${flow('out', 'check', 'end', 'n < 0')}`);

const simple = bpmn('simpleWork', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'work')}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`);

describe('step budget', () => {
  it('stops a loop without a wait state with STEP_LIMIT_EXCEEDED; other instances still run', async () => {
    h = await createHarness({ stepBudget: 400 });
    h.engine.registerJobHandler({ type: 'work', handler: async () => ({ kind: 'complete', variables: { worked: true } }) });
    await h.deploy(endless);
    await h.deploy(simple);

    const looping = await h.start('endless', { n: 0 });
    const [incident, ...more] = await activeIncidents(h, looping);
    expect(more).toEqual([]);
    expect(incident).toMatchObject({ type: 'STEP_LIMIT_EXCEEDED' });
    expect(incident!.message).toContain('400 steps');
    expect(await stateOf(h, looping)).toBe('active');
    const n1 = (await rootVariables(h, looping)).n as number;
    expect(n1).toBeGreaterThan(10);

    const other = await h.start('simpleWork');
    await until(h, async () => (await stateOf(h, other)) === 'completed');
    expect(await rootVariables(h, other)).toEqual({ worked: true });

    // Resolving lets it go on — and, still looping, it hits the budget again.
    await h.engine.resolveIncident(incident!.key);
    const [again] = await activeIncidents(h, looping);
    expect(again).toMatchObject({ type: 'STEP_LIMIT_EXCEEDED' });
    expect(again!.key).not.toBe(incident!.key);
    const n2 = (await rootVariables(h, looping)).n as number;
    expect(n2).toBeGreaterThan(n1);

    // Fixed by an operator: the loop's exit condition is met, so the instance ends.
    await h.engine.resolveIncident(again!.key, { variables: { n: -100 } });
    expect(await stateOf(h, looping)).toBe('completed');
  });

  it('the default budget (10,000 steps) also ends the loop, in one command', async () => {
    h = await createHarness();
    await h.deploy(endless);
    const key = await h.start('endless', { n: 0 });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'STEP_LIMIT_EXCEEDED' });
    expect(incident!.message).toContain('10000 steps');
  });

  it('stops a parallel fork bomb with ONE incident; the parked tokens resume with it', async () => {
    h = await createHarness({ stepBudget: 300 });
    // fork → (a, b) → both back into fork: the token count doubles every round.
    await h.deploy(bpmn('forkBomb', `
    <bpmn:startEvent id="start" />
${gateway('exclusive', 'merge')}
${gateway('parallel', 'fork')}
${scriptTask('a', '1', 'x')}
${scriptTask('b', '2', 'y')}
${chain('start', 'merge', 'fork')}
${flow('toA', 'fork', 'a')}
${flow('toB', 'fork', 'b')}
${flow('aBack', 'a', 'merge')}
${flow('bBack', 'b', 'merge')}`));
    const key = await h.start('forkBomb');
    const incidents = await activeIncidents(h, key);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ type: 'STEP_LIMIT_EXCEEDED' });
    const parkedBefore = (await h.store.loadInstance(Number(key)))!.elements.filter((e) => e.data.parked !== undefined).length;
    expect(parkedBefore).toBeGreaterThan(10);

    await h.engine.resolveIncident(incidents[0]!.key);
    const again = await activeIncidents(h, key);
    expect(again).toHaveLength(1);
    expect(again[0]!.key).not.toBe(incidents[0]!.key);
    expect(await stateOf(h, key)).toBe('active');
    await h.engine.cancelInstance(key);
    expect(await stateOf(h, key)).toBe('terminated');
  });
});
