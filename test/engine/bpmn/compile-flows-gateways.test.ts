import { describe, expect, it } from 'vitest';
import { compileOne, compileProblems, expectProblem, processXml } from './bpmn-xml.js';

const cond = (text: string): string => `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${text}</bpmn:conditionExpression>`;

/** start → gateway `g` (the given XML) → flows `a` and `b` (given) → end events `ea`/`eb`. */
function decision(gateway: string, flowA: string, flowB: string): string {
  return processXml(`    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="g" />
    ${gateway}
    ${flowA}
    ${flowB}
    <bpmn:endEvent id="ea" />
    <bpmn:endEvent id="eb" />`);
}
const flow = (id: string, target: string, body = ''): string => `<bpmn:sequenceFlow id="${id}" sourceRef="g" targetRef="${target}">${body}</bpmn:sequenceFlow>`;

describe('sequence flows', () => {
  it('compile with source, target and a FEEL condition compiled once', async () => {
    const process = await compileOne(decision('<bpmn:exclusiveGateway id="g" default="b" />', flow('a', 'ea', cond('=amount &gt; 100')), flow('b', 'eb')));
    expect(process.flows.get('a')).toMatchObject({ id: 'a', sourceId: 'g', targetId: 'ea', condition: { source: 'amount > 100', names: ['amount'] } });
    expect(process.flows.get('b')).toEqual({ id: 'b', sourceId: 'g', targetId: 'eb' });
    expect(process.nodes.get('g')).toMatchObject({ type: 'exclusiveGateway', defaultFlowId: 'b', incoming: ['f0'], outgoing: ['a', 'b'] });
  });

  it('refuse a condition that is not FEEL', async () => {
    const xml = decision('<bpmn:exclusiveGateway id="g" default="b" />', flow('a', 'ea', cond('amount > 100')), flow('b', 'eb'));
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_SEQUENCE_FLOW', 'a', xml).message).toContain("starting with '='");
  });

  it('report a FEEL syntax error in a condition naming the flow', async () => {
    const xml = decision('<bpmn:exclusiveGateway id="g" default="b" />', flow('a', 'ea', cond('=amount &gt;')), flow('b', 'eb'));
    expect(expectProblem(await compileProblems(xml), 'FEEL_SYNTAX_ERROR', 'a', xml).message).toContain('conditionExpression at position');
  });

  it('refuse a condition on a flow that does not leave an exclusive or inclusive gateway', async () => {
    const xml = processXml(`    <bpmn:startEvent id="start" />\n    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end">${cond('=true')}</bpmn:sequenceFlow>\n    <bpmn:endEvent id="end" />`);
    expectProblem(await compileProblems(xml), 'BPMN_INVALID_SEQUENCE_FLOW', 'f1', xml);
  });

  it('refuse a flow without source or target, and report unresolved ones as such', async () => {
    const xml = processXml(`    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="noTarget" sourceRef="start" />
    <bpmn:sequenceFlow id="ghostTarget" sourceRef="start" targetRef="ghost" />
    <bpmn:sequenceFlow id="noSource" targetRef="end" />
    <bpmn:endEvent id="end" />`);
    const problems = await compileProblems(xml);
    expect(expectProblem(problems, 'BPMN_INVALID_SEQUENCE_FLOW', 'noTarget', xml).message).toContain('no targetRef');
    expect(expectProblem(problems, 'BPMN_INVALID_SEQUENCE_FLOW', 'noSource', xml).message).toContain('no sourceRef');
    expect(expectProblem(problems, 'BPMN_UNRESOLVED_REFERENCE', 'ghostTarget', xml).message).toContain("targetRef references 'ghost'");
    expect(problems.filter((p) => p.elementId === 'ghostTarget')).toHaveLength(1);
  });

  it('refuse a flow to something that is not a flow node', async () => {
    const xml = processXml(`    <bpmn:startEvent id="start" />\n    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="store" />\n    <bpmn:dataStoreReference id="store" />`);
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_SEQUENCE_FLOW', 'f1', xml).message).toContain("targetRef 'store' is not a flow node");
  });

  it('refuse a flow crossing a subprocess boundary', async () => {
    const xml = processXml(`    <bpmn:startEvent id="start" />
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="inner" />
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="cross" sourceRef="start" targetRef="inner" />`);
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_SEQUENCE_FLOW', 'cross', xml).message).toContain('another scope');
  });

  it('refuse an end event with outgoing flows', async () => {
    const xml = processXml('    <bpmn:startEvent id="start" />\n    <bpmn:endEvent id="end" />\n    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />\n    <bpmn:task id="t" />\n    <bpmn:sequenceFlow id="f2" sourceRef="end" targetRef="t" />');
    expectProblem(await compileProblems(xml), 'BPMN_INVALID_EVENT', 'end', xml);
  });
});

describe('gateways', () => {
  it.each(['exclusiveGateway', 'inclusiveGateway'] as const)('compile a %s with conditions and a default', async (type) => {
    const process = await compileOne(decision(`<bpmn:${type} id="g" default="b" />`, flow('a', 'ea', cond('=x')), flow('b', 'eb')));
    expect(process.nodes.get('g')).toMatchObject({ type, defaultFlowId: 'b' });
  });

  it('compile an exclusive gateway with one unconditional way out, and one with all ways conditional', async () => {
    const single = processXml('    <bpmn:startEvent id="start" />\n    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="g" />\n    <bpmn:exclusiveGateway id="g" />\n    <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="end" />\n    <bpmn:endEvent id="end" />');
    expect((await compileOne(single)).nodes.get('g')).toMatchObject({ type: 'exclusiveGateway', outgoing: ['f1'] });
    const conditional = await compileOne(decision('<bpmn:exclusiveGateway id="g" />', flow('a', 'ea', cond('=x')), flow('b', 'eb', cond('=not(x)'))));
    expect(conditional.nodes.get('g')).not.toHaveProperty('defaultFlowId');
  });

  it('compile a parallel fork and join', async () => {
    const process = await compileOne(decision('<bpmn:parallelGateway id="g" />', flow('a', 'ea'), flow('b', 'eb')));
    expect(process.nodes.get('g')).toMatchObject({ type: 'parallelGateway', outgoing: ['a', 'b'] });
  });

  it.each(['exclusiveGateway', 'inclusiveGateway'] as const)('refuse a %s whose non-default flow has no condition', async (type) => {
    const xml = decision(`<bpmn:${type} id="g" />`, flow('a', 'ea', cond('=x')), flow('b', 'eb'));
    expect(expectProblem(await compileProblems(xml), 'BPMN_MISSING_CONDITION', 'g', xml).message).toContain("'b' needs a condition");
  });

  it('refuse a default flow that leaves another element', async () => {
    const xml = decision('<bpmn:exclusiveGateway id="g" default="f0" />', flow('a', 'ea', cond('=x')), flow('b', 'eb', cond('=y')));
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_DEFAULT_FLOW', 'g', xml).message).toContain("'f0' is not an outgoing flow");
  });

  it('refuse a default flow with a condition', async () => {
    const xml = decision('<bpmn:exclusiveGateway id="g" default="b" />', flow('a', 'ea', cond('=x')), flow('b', 'eb', cond('=y')));
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_DEFAULT_FLOW', 'g', xml).message).toContain('must not have a condition');
  });

  it('report an unresolved default flow', async () => {
    const xml = decision('<bpmn:exclusiveGateway id="g" default="nope" />', flow('a', 'ea', cond('=x')), flow('b', 'eb', cond('=y')));
    expectProblem(await compileProblems(xml), 'BPMN_UNRESOLVED_REFERENCE', 'g', xml);
  });

  it.each(['exclusiveGateway', 'inclusiveGateway', 'parallelGateway'] as const)('refuse a %s without outgoing flows', async (type) => {
    const xml = processXml(`    <bpmn:startEvent id="start" />\n    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="g" />\n    <bpmn:${type} id="g" />`);
    expectProblem(await compileProblems(xml), 'BPMN_INVALID_GATEWAY', 'g', xml);
  });

  it.each([
    ['eventBasedGateway', 'event-based gateways'],
    ['complexGateway', 'complex gateways'],
  ])('refuse a %s as unsupported', async (type, text) => {
    const xml = decision(`<bpmn:${type} id="g" />`, flow('a', 'ea'), flow('b', 'eb'));
    expect(expectProblem(await compileProblems(xml), 'BPMN_UNSUPPORTED_ELEMENT', 'g', xml).message).toContain(text);
  });
});
