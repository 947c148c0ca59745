import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, scriptTask, serviceTask, subProcess } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { elementsWith, jobsOf, rootVariables, scopedVariables, stateOf, until } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

describe('embedded subprocess', () => {
  const xml = (outputs: [string, string][] = []) =>
    bpmn('sub', `
    <bpmn:startEvent id="start" />
${subProcess('sp', `
    <bpmn:startEvent id="spStart" />
${serviceTask('inner', 'inner-work')}
    <bpmn:endEvent id="spEnd" />
${chain('spStart', 'inner', 'spEnd')}`, { inputs: [['=x', 'local'], ['="sub"', 'shared']], outputs })}
    <bpmn:endEvent id="end" />
${chain('start', 'sp', 'end')}`);

  it('keeps input mappings local to the subprocess; new variables propagate to the root, shadowed ones stay inside', async () => {
    h = await createHarness();
    await h.deploy(xml());
    const key = await h.start('sub', { x: 1, shared: 'root' });
    const [job] = await jobsOf(h, key);
    // While inside: the subprocess scope holds the mapped inputs, the root is untouched.
    const inside = await scopedVariables(h, key);
    const spScope = (await h.store.history(Number(key))).find((e) => e.type === 'ELEMENT_ACTIVATED' && e.elementId === 'sp')!.elementInstanceKey!;
    expect(inside.filter((v) => v.scopeKey === spScope).map((v) => [v.name, v.value]).sort()).toEqual([['local', 1], ['shared', 'sub']]);
    expect(await rootVariables(h, key)).toEqual({ x: 1, shared: 'root' });
    expect(inside.filter((v) => v.scopeKey === job!.elementInstanceKey)).toEqual([]); // the task itself has no inputs

    const [activated] = await h.engine.activateJobs({ type: 'inner-work', maxJobs: 1, timeoutMs: 60_000, worker: 'w' });
    expect(activated!.variables).toEqual({ x: 1, shared: 'sub', local: 1 });

    await h.engine.completeJob(activated!.key, { local: 10, shared: 'changed', created: true });
    expect(await stateOf(h, key)).toBe('completed');
    // `local` and `shared` existed in the subprocess scope: updated there, gone with it.
    expect(await rootVariables(h, key)).toEqual({ x: 1, shared: 'root', created: true });
  });

  it('output mappings of the subprocess write into the parent scope', async () => {
    h = await createHarness();
    await h.deploy(xml([['=local * 2', 'doubled'], ['=shared', 'sharedFromSub']]));
    const key = await h.start('sub', { x: 3, shared: 'root' });
    const [job] = await jobsOf(h, key);
    await h.engine.completeJob(job!.key, { local: 5 });
    expect(await stateOf(h, key)).toBe('completed');
    expect(await rootVariables(h, key)).toEqual({ x: 3, shared: 'root', doubled: 10, sharedFromSub: 'sub' });
  });

  it('nests subprocesses: inner elements see outer scopes, and updates go to the nearest scope that has the variable', async () => {
    h = await createHarness();
    h.engine.registerJobHandler({
      type: 'deep',
      handler: async (job) => ({ kind: 'complete', variables: { outerVar: `${job.variables.outerVar as string}+deep`, fromDeep: job.variables.innerVar } }),
    });
    await h.deploy(bpmn('nested', `
    <bpmn:startEvent id="start" />
${subProcess('outer', `
    <bpmn:startEvent id="oStart" />
${subProcess('innerSp', `
      <bpmn:startEvent id="iStart" />
${scriptTask('calc', 'outerVar + "!"', 'innerVar')}
${serviceTask('deepTask', 'deep')}
      <bpmn:endEvent id="iEnd" />
${chain('iStart', 'calc', 'deepTask', 'iEnd')}`, { inputs: [['="i"', 'innerOnly']] })}
    <bpmn:endEvent id="oEnd" />
${chain('oStart', 'innerSp', 'oEnd')}`, { inputs: [['="o"', 'outerVar']], outputs: [['=outerVar', 'outerResult']] })}
    <bpmn:endEvent id="end" />
${chain('start', 'outer', 'end')}`));
    const key = await h.start('nested');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(await rootVariables(h, key)).toEqual({
      innerVar: 'o!', // created by the script: no scope had it, so the root
      fromDeep: 'o!',
      outerResult: 'o+deep', // outerVar was updated in the outer subprocess scope, then mapped out
    });
    const completed = await elementsWith(h, key, 'ELEMENT_COMPLETED');
    expect(completed.indexOf('iEnd')).toBeLessThan(completed.indexOf('innerSp'));
    expect(completed.indexOf('innerSp')).toBeLessThan(completed.indexOf('outer'));
    expect(completed.at(-1)).toBe('end');
  });
});
