import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, flow, gateway, scriptTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, rootVariables, stateOf } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

/** A gateway whose first flow has `condition`; the default flow leads elsewhere. */
const gated = (processId: string, condition: string) =>
  bpmn(processId, `
    <bpmn:startEvent id="start" />
${gateway('exclusive', 'decide', 'otherwise')}
    <bpmn:endEvent id="yes" />
    <bpmn:endEvent id="no" />
${chain('start', 'decide')}
${flow('when', 'decide', 'yes', condition)}
${flow('otherwise', 'decide', 'no')}`);

const scripted = (processId: string, expression: string) =>
  bpmn(processId, `
    <bpmn:startEvent id="start" />
${scriptTask('compute', expression, 'result')}
    <bpmn:endEvent id="end" />
${chain('start', 'compute', 'end')}`);

const harmless = scripted('harmless', 'a + b');

/** A harmless instance started after the hostile one still runs to completion. */
async function othersStillRun(): Promise<void> {
  const key = await h.start('harmless', { a: 2, b: 3 });
  expect(await stateOf(h, key)).toBe('completed');
  expect(await rootVariables(h, key)).toEqual({ a: 2, b: 3, result: 5 });
}

describe('hostile FEEL ends as an incident, never a hang or a crash', () => {
  it('a quantifier over ten million items in a condition → CONDITION_ERROR', async () => {
    h = await createHarness();
    await h.deploy(gated('bigRange', 'some x in 1..10000000 satisfies x < 0'));
    await h.deploy(harmless);
    const key = await h.start('bigRange');
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'CONDITION_ERROR', elementId: 'decide' });
    await othersStillRun();
  });

  it('the same in a script task → EXTRACT_VALUE_ERROR', async () => {
    h = await createHarness();
    await h.deploy(scripted('bigRangeScript', 'some x in 1..10000000 satisfies x < 0'));
    await h.deploy(harmless);
    const key = await h.start('bigRangeScript');
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'compute' });
    await othersStillRun();
  });

  it('catastrophic regex backtracking in a condition → CONDITION_ERROR', async () => {
    h = await createHarness();
    await h.deploy(gated('redos', 'matches(s, "^(a+)+$")'));
    await h.deploy(harmless);
    const key = await h.start('redos', { s: `${'a'.repeat(34)}!` });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'CONDITION_ERROR', elementId: 'decide' });
    await othersStillRun();
  });

  it('catastrophic regex backtracking in a script → EXTRACT_VALUE_ERROR', async () => {
    h = await createHarness();
    await h.deploy(scripted('redosScript', 'matches(s, "^(a+)+$")'));
    await h.deploy(harmless);
    const key = await h.start('redosScript', { s: `${'a'.repeat(34)}!` });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'compute' });
    await othersStillRun();
  });

  it('unbounded recursion in a script → EXTRACT_VALUE_ERROR', async () => {
    h = await createHarness();
    await h.deploy(scripted('recursion', '{f: function(n) if n = 0 then 0 else f(n - 1), r: f(1000000)}.r'));
    await h.deploy(harmless);
    const key = await h.start('recursion');
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'compute' });
    await othersStillRun();
  });

  it('unbounded recursion in a condition → CONDITION_ERROR', async () => {
    h = await createHarness();
    await h.deploy(gated('recursionGate', '{f: function(n) f(n + 1)}.f(1) > 0'));
    await h.deploy(harmless);
    const key = await h.start('recursionGate');
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'CONDITION_ERROR', elementId: 'decide' });
    await othersStillRun();
  });
});
