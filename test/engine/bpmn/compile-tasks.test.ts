import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../../../engine/bpmn/index.js';
import type { FlowNode } from '../../../engine/model/process-model.js';
import { around, compileOne, compileProblems, expectProblem } from './bpmn-xml.js';

async function node(xml: string, id = 'x'): Promise<FlowNode> {
  const process = await compileOne(xml);
  const found = process.nodes.get(id);
  if (found === undefined) throw new Error(`no node ${id}`);
  return found;
}

const job = (extensions: string, type = 'serviceTask'): string =>
  around(`    <bpmn:${type} id="x" name="Do it"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:${type}>`);

describe('pass-through tasks', () => {
  it.each(['task', 'manualTask'] as const)('compiles a %s as pass-through with its place in the graph', async (type) => {
    expect(await node(around(`    <bpmn:${type} id="x" name="Step" />`))).toEqual({
      id: 'x', name: 'Step', scopeId: 'p', type, behavior: 'passThrough',
      incoming: ['f1'], outgoing: ['f2'], inputs: [], outputs: [], boundaryIds: [], properties: {},
    });
  });
});

describe('job tasks', () => {
  it.each(['serviceTask', 'sendTask', 'businessRuleTask', 'scriptTask'] as const)('compiles a %s with a task definition to a job', async (type) => {
    const compiled = await node(job('<zeebe:taskDefinition type="work" />', type));
    expect(compiled).toMatchObject({ type, behavior: 'job', job: { type: { kind: 'static', value: 'work' }, retries: { kind: 'static', value: '3' }, headers: {} } });
  });

  it('reads retries, headers (leaving out those without key or value) and an expression job type', async () => {
    const compiled = await node(
      job(`<zeebe:taskDefinition type="=&quot;pay-&quot; + provider" retries="7" />
        <zeebe:taskHeaders><zeebe:header key="resultVariable" value="res" /><zeebe:header key="empty" /><zeebe:header value="no key" /></zeebe:taskHeaders>`),
    );
    if (compiled.type !== 'serviceTask' || compiled.behavior !== 'job') throw new Error('not a job task');
    expect(compiled.job.retries).toEqual({ kind: 'static', value: '7' });
    expect(compiled.job.headers).toEqual({ resultVariable: 'res' });
    expect(compiled.job.type.kind).toBe('expression');
    if (compiled.job.type.kind === 'expression') {
      expect(compiled.job.type.expression.source).toBe('"pay-" + provider');
      expect(compiled.job.type.expression.names).toContain('provider');
    }
  });

  it.each(['serviceTask', 'sendTask', 'businessRuleTask', 'scriptTask'] as const)('refuses a %s without zeebe:taskDefinition', async (type) => {
    const xml = around(`    <bpmn:${type} id="x" />`);
    const problem = expectProblem(await compileProblems(xml), 'BPMN_MISSING_TASK_DEFINITION', 'x', xml);
    expect(problem.message).toContain(`${type} 'x' (line 6, column 5)`);
  });

  it('refuses an empty job type', async () => {
    const xml = job('<zeebe:taskDefinition type=" " />');
    expectProblem(await compileProblems(xml), 'BPMN_MISSING_TASK_DEFINITION', 'x', xml);
  });

  it('checks the FEEL of connector headers resultExpression and errorExpression at deploy time', async () => {
    const xml = job(
      '<zeebe:taskDefinition type="io.camunda:http-json:1" /><zeebe:taskHeaders>' +
        '<zeebe:header key="resultExpression" value="={a: response.body" />' +
        '<zeebe:header key="errorExpression" value="=if error.code = &quot;404&quot; then bpmnError(&quot;X&quot;, &quot;y&quot;) else null" />' +
        '</zeebe:taskHeaders>',
    );
    const problem = expectProblem(await compileProblems(xml), 'FEEL_SYNTAX_ERROR', 'x', xml);
    expect(problem.message).toContain('resultExpression');
    expect((await compileProblems(xml)).filter((p) => p.code === 'FEEL_SYNTAX_ERROR')).toHaveLength(1);
  });

  it('warns about retryBackoff and jobTimeout headers that are not durations (Zeebe deploys them; the connector runtime cannot use them)', async () => {
    const headers = (pairs: [string, string][]) =>
      job(`<zeebe:taskDefinition type="io.camunda:http-json:1" /><zeebe:taskHeaders>${pairs.map(([k, v]) => `<zeebe:header key="${k}" value="${v}" />`).join('')}</zeebe:taskHeaders>`);
    const bad = await compileBpmn(headers([['retryBackoff', 'thirty seconds'], ['jobTimeout', 'PT0S']]));
    expect(bad.ok).toBe(true);
    expect(bad.warnings).toEqual([
      expect.objectContaining({ code: 'INVALID_DURATION', elementId: 'x', message: expect.stringContaining("task header retryBackoff 'thirty seconds' is not an ISO 8601 duration such as PT30S; a connector job fails with an incident") }),
      expect.objectContaining({ code: 'INVALID_DURATION', elementId: 'x', message: expect.stringContaining("task header jobTimeout 'PT0S' is not an ISO 8601 duration longer than zero") }),
    ]);
    const good = await compileBpmn(headers([['retryBackoff', 'PT0S'], ['jobTimeout', 'PT10M']]));
    expect(good.warnings).toEqual([]);
  });

  it('refuses literal retries that are not a whole number', async () => {
    const xml = job('<zeebe:taskDefinition type="work" retries="three" />');
    const problem = expectProblem(await compileProblems(xml), 'BPMN_INVALID_TASK_DEFINITION', 'x', xml);
    expect(problem.message).toContain("'three'");
  });

  it('refuses a business rule task calling a DMN decision', async () => {
    const xml = job('<zeebe:calledDecision decisionId="d" resultVariable="r" />', 'businessRuleTask');
    const problems = await compileProblems(xml);
    expect(expectProblem(problems, 'BPMN_UNSUPPORTED_ELEMENT', 'x', xml).message).toContain('zeebe:calledDecision');
  });

  it('refuses execution listeners rather than ignoring them', async () => {
    const xml = job('<zeebe:taskDefinition type="work" /><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners>');
    expect(expectProblem(await compileProblems(xml), 'BPMN_UNSUPPORTED_ELEMENT', 'x', xml).message).toContain('execution listeners');
  });

  it('warns about (and ignores) extension elements of other tools', async () => {
    const xml = job('<zeebe:taskDefinition type="work" /><other:hint xmlns:other="urn:other" level="high" />');
    const result = await compileBpmn(xml);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'BPMN_IGNORED_EXTENSION', elementId: 'x', message: expect.stringContaining('other:hint') })]);
  });
});

describe('script tasks with zeebe:script', () => {
  it('compiles the expression once and keeps the result variable', async () => {
    const compiled = await node(job('<zeebe:script expression="=a + b" resultVariable="sum" />', 'scriptTask'));
    expect(compiled).toMatchObject({ type: 'scriptTask', behavior: 'script', resultVariable: 'sum', script: { source: 'a + b' } });
  });

  it.each([
    ['no result variable', '<zeebe:script expression="=1" />', 'resultVariable'],
    ['a literal instead of an expression', '<zeebe:script expression="1 + 1" resultVariable="r" />', "starting with '='"],
    ['both script and task definition', '<zeebe:script expression="=1" resultVariable="r" /><zeebe:taskDefinition type="t" />', 'not both'],
  ])('refuses %s with BPMN_INVALID_SCRIPT', async (_name, extensions, text) => {
    const xml = job(extensions, 'scriptTask');
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_SCRIPT', 'x', xml).message).toContain(text);
  });

  it('reports a FEEL syntax error naming the attribute and position', async () => {
    const xml = job('<zeebe:script expression="=a +" resultVariable="r" />', 'scriptTask');
    const problem = expectProblem(await compileProblems(xml), 'FEEL_SYNTAX_ERROR', 'x', xml);
    expect(problem.message).toMatch(/zeebe:script expression at position \d+ of '=a \+'/);
  });
});

describe('user tasks', () => {
  it('run as Zeebe job-based user tasks with assignment and form as headers', async () => {
    const compiled = await node(
      job('<zeebe:assignmentDefinition assignee="demo" candidateGroups="sales,ops" /><zeebe:formDefinition formKey="camunda-forms:bpmn:f1" /><zeebe:taskHeaders><zeebe:header key="k" value="v" /></zeebe:taskHeaders>', 'userTask'),
    );
    expect(compiled).toMatchObject({
      type: 'userTask',
      behavior: 'job',
      job: {
        type: { kind: 'static', value: 'io.camunda.zeebe:userTask' },
        retries: { kind: 'static', value: '1' },
        headers: { k: 'v', 'io.camunda.zeebe:assignee': 'demo', 'io.camunda.zeebe:candidateGroups': 'sales,ops', 'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:f1' },
      },
    });
  });

  it('compiles a bare user task', async () => {
    expect(await node(around('    <bpmn:userTask id="x" />'))).toMatchObject({ type: 'userTask', job: { headers: {} } });
  });

  it('warns about what a job-based user task cannot carry yet', async () => {
    const result = await compileBpmn(job('<zeebe:userTask /><zeebe:assignmentDefinition assignee="=initiator" />', 'userTask'));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.elementId])).toEqual([
      ['BPMN_IGNORED_EXTENSION', 'x'],
      ['BPMN_IGNORED_EXTENSION', 'x'],
    ]);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/=initiator[\s\S]*zeebe:userTask/);
  });
});

describe('receive tasks', () => {
  const message = (subscription: string): string =>
    `<bpmn:message id="M" name="paid"><bpmn:extensionElements>${subscription}</bpmn:extensionElements></bpmn:message>`;

  it('wait for a message with name and correlation key', async () => {
    const compiled = await node(around('    <bpmn:receiveTask id="x" messageRef="M" />', message('<zeebe:subscription correlationKey="=orderId" />')));
    expect(compiled).toMatchObject({ type: 'receiveTask', behavior: 'message', message: { messageName: { kind: 'static', value: 'paid' }, correlationKey: { kind: 'expression', expression: { source: 'orderId' } } } });
  });

  it('refuse a message without correlation key', async () => {
    const xml = around('    <bpmn:receiveTask id="x" messageRef="M" />', message(''));
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_MESSAGE', 'x', xml).message).toContain('correlationKey');
  });

  it('refuse a receive task without message', async () => {
    const xml = around('    <bpmn:receiveTask id="x" />');
    expectProblem(await compileProblems(xml), 'BPMN_INVALID_MESSAGE', 'x', xml);
  });
});

describe('input and output mappings, properties', () => {
  it('reads literal and FEEL sources, dotted targets, and null for a missing input source', async () => {
    const compiled = await node(
      job(`<zeebe:taskDefinition type="work" /><zeebe:ioMapping>
          <zeebe:input source="POST" target="method" />
          <zeebe:input source="=order.total * 2" target="request.body.amount" />
          <zeebe:input target="cleared" />
          <zeebe:output source="=response.status" target="status" />
        </zeebe:ioMapping>`),
    );
    expect(compiled.inputs).toMatchObject([
      { source: { kind: 'static', value: 'POST' }, target: 'method' },
      { source: { kind: 'expression', expression: { source: 'order.total * 2', names: expect.arrayContaining(['order']) } }, target: 'request.body.amount' },
      { source: { kind: 'expression', expression: { source: 'null' } }, target: 'cleared' },
    ]);
    expect(compiled.outputs).toMatchObject([{ source: { kind: 'expression', expression: { source: 'response.status' } }, target: 'status' }]);
  });

  it.each([
    ['an input without target', '<zeebe:input source="x" />', 'has no target'],
    ['an output without source', '<zeebe:output target="y" />', "target 'y' has no source"],
    ['a target that is not a path', '<zeebe:input source="x" target="a..b" />', "'a..b'"],
  ])('refuses %s with BPMN_INVALID_MAPPING', async (_name, mapping, text) => {
    const xml = job(`<zeebe:taskDefinition type="work" /><zeebe:ioMapping>${mapping}</zeebe:ioMapping>`);
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_MAPPING', 'x', xml).message).toContain(text);
  });

  it('reports a FEEL syntax error in a mapping naming the mapping and position', async () => {
    const xml = job('<zeebe:taskDefinition type="work" /><zeebe:ioMapping><zeebe:input source="={a: 1" target="url" /></zeebe:ioMapping>');
    const problem = expectProblem(await compileProblems(xml), 'FEEL_SYNTAX_ERROR', 'x', xml);
    expect(problem.message).toContain("zeebe:input target 'url' at position 7 of '={a: 1'");
  });

  it('reports an expression beyond the FEEL limits as FEEL_TOO_COMPLEX', async () => {
    const deep = `=${'('.repeat(300)}1${')'.repeat(300)}`;
    const xml = job(`<zeebe:taskDefinition type="work" /><zeebe:ioMapping><zeebe:input source="${deep}" target="deep" /></zeebe:ioMapping>`);
    expect(expectProblem(await compileProblems(xml), 'FEEL_TOO_COMPLEX', 'x', xml).message).toContain("zeebe:input target 'deep' is too complex");
  });

  it('keeps zeebe:properties as written', async () => {
    const compiled = await node(
      job('<zeebe:taskDefinition type="work" /><zeebe:properties><zeebe:property name="inbound.type" value="io.camunda:webhook:1" /><zeebe:property name="expr" value="=a" /></zeebe:properties>'),
    );
    expect(compiled.properties).toEqual({ 'inbound.type': 'io.camunda:webhook:1', expr: '=a' });
  });
});

describe('unsupported activities', () => {
  it.each([
    ['callActivity', '<bpmn:callActivity id="x"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>', 'call activities'],
    ['multi-instance', '<bpmn:serviceTask id="x"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics /></bpmn:serviceTask>', 'multi-instance serviceTask'],
    ['a standard loop', '<bpmn:task id="x"><bpmn:standardLoopCharacteristics /></bpmn:task>', 'loop task'],
    ['a compensation handler', '<bpmn:task id="x" isForCompensation="true" />', 'isForCompensation'],
    ['a transaction', '<bpmn:transaction id="x"><bpmn:startEvent id="ts" /></bpmn:transaction>', 'transaction'],
    ['an ad-hoc subprocess', '<bpmn:adHocSubProcess id="x"><bpmn:task id="in" /></bpmn:adHocSubProcess>', 'ad-hoc'],
  ])('refuses %s naming its type and id', async (_name, element, text) => {
    const xml = around(`    ${element}`);
    const problems = await compileProblems(xml);
    expect(expectProblem(problems, 'BPMN_UNSUPPORTED_ELEMENT', 'x', xml).message).toContain(text);
    // The flows touching it are not reported again.
    expect(problems.filter((p) => p.code === 'BPMN_INVALID_SEQUENCE_FLOW')).toEqual([]);
  });
});
