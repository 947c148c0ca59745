import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../../../engine/model/process-model.js';
import { around, compileOne, compileProblems, expectProblem, processXml } from './bpmn-xml.js';

const timer = (field: string, value: string): string =>
  `<bpmn:timerEventDefinition id="td"><bpmn:${field} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${field}></bpmn:timerEventDefinition>`;
const MESSAGE = '<bpmn:message id="M" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>';

/** A process whose only start event is `start` (the given XML) leading to an end event. */
const withStart = (start: string, rootElements = ''): string =>
  processXml(`    ${start}\n    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />\n    <bpmn:endEvent id="end" />`, rootElements);

/** A task `task` with the boundary event `b` (the given XML) leading to `after`. */
const withBoundary = (boundary: string, rootElements = ''): string =>
  processXml(
    `    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:task id="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <bpmn:endEvent id="end" />
    ${boundary}
    <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="after" />
    <bpmn:endEvent id="after" />`,
    rootElements,
  );

async function nodeOf(xml: string, id: string): Promise<FlowNode | undefined> {
  return (await compileOne(xml)).nodes.get(id);
}

describe('start events', () => {
  it('compiles a none start event and registers it as the root none start', async () => {
    const process = await compileOne(withStart('<bpmn:startEvent id="start" />'));
    expect(process.nodes.get('start')).toMatchObject({ type: 'startEvent', trigger: { kind: 'none' }, outgoing: ['f1'] });
    expect(process.root.noneStartId).toBe('start');
    expect(process.startEvents.map((s) => s.id)).toEqual(['start']);
  });

  it.each([
    ['timeCycle', 'R/PT1H'],
    ['timeCycle', '0 0 9 * * MON-FRI'],
    ['timeDate', '2026-01-01T09:00:00[Europe/Berlin]'],
    ['timeDate', '=startDate'],
  ])('compiles a timer start event with %s %s', async (field, value) => {
    const start = await nodeOf(withStart(`<bpmn:startEvent id="start">${timer(field, value)}</bpmn:startEvent>`), 'start');
    const kind = field === 'timeCycle' ? 'cycle' : 'date';
    expect(start).toMatchObject({ type: 'startEvent', trigger: { kind: 'timer', timer: { kind } } });
  });

  it('compiles a message start event without correlation key', async () => {
    const start = await nodeOf(withStart('<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>', MESSAGE), 'start');
    expect(start).toMatchObject({ trigger: { kind: 'message', message: { messageName: { kind: 'static', value: 'paid' } } } });
    if (start?.type === 'startEvent' && start.trigger.kind === 'message') expect(start.trigger.message.correlationKey).toBeUndefined();
  });

  it('refuses a timer start event with a duration', async () => {
    const xml = withStart(`<bpmn:startEvent id="start">${timer('timeDuration', 'PT1H')}</bpmn:startEvent>`);
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_TIMER', 'start', xml).message).toContain('a time date or a time cycle, not a timeDuration');
  });

  it('refuses a message start event with an expression as message name', async () => {
    const xml = withStart('<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="M2" /></bpmn:startEvent>', '<bpmn:message id="M2" name="=kind" />');
    expectProblem(await compileProblems(xml), 'BPMN_INVALID_MESSAGE', 'start', xml);
  });

  it.each([
    ['signal', '<bpmn:signalEventDefinition />'],
    ['conditional', '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=x</bpmn:condition></bpmn:conditionalEventDefinition>'],
    ['error', '<bpmn:errorEventDefinition />'],
  ])('refuses a %s start event as unsupported', async (kind, definition) => {
    const xml = withStart(`<bpmn:startEvent id="start">${definition}</bpmn:startEvent>`);
    expect(expectProblem(await compileProblems(xml), 'BPMN_UNSUPPORTED_ELEMENT', 'start', xml).message).toContain(`${kind} startEvent`);
  });

  it('refuses a start event with incoming flows', async () => {
    const xml = processXml('    <bpmn:startEvent id="start" />\n    <bpmn:task id="t" />\n    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t" />\n    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="start" />');
    expectProblem(await compileProblems(xml), 'BPMN_INVALID_EVENT', 'start', xml);
  });

  it('refuses a second none start event in a process', async () => {
    const xml = processXml('    <bpmn:startEvent id="s1" />\n    <bpmn:startEvent id="s2" />');
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_EVENT', 's2', xml).message).toContain('only one none start event');
  });

  it('refuses a process without start event', async () => {
    const xml = processXml('    <bpmn:task id="t" />');
    const problems = await compileProblems(xml);
    expect(expectProblem(problems, 'BPMN_NO_START_EVENT', 'p', xml).message).toContain('at least one start event');
  });
});

describe('end events', () => {
  it.each([
    ['none', '', { kind: 'none' }],
    ['terminate', '<bpmn:terminateEventDefinition />', { kind: 'terminate' }],
  ])('compiles a %s end event', async (_kind, definition, trigger) => {
    expect(await nodeOf(around(`    <bpmn:task id="x" />`).replace('<bpmn:endEvent id="end" />', `<bpmn:endEvent id="end">${definition}</bpmn:endEvent>`), 'end')).toMatchObject({ type: 'endEvent', trigger, incoming: ['f2'] });
  });

  it('compiles an error end event with its literal or expression code', async () => {
    const xml = (code: string): string =>
      around('    <bpmn:task id="x" />', `<bpmn:error id="E" name="Failed" errorCode="${code}" />`).replace('<bpmn:endEvent id="end" />', '<bpmn:endEvent id="end"><bpmn:errorEventDefinition errorRef="E" /></bpmn:endEvent>');
    expect(await nodeOf(xml('ORDER_FAILED'), 'end')).toMatchObject({ trigger: { kind: 'error', errorName: 'Failed', errorCode: { kind: 'static', value: 'ORDER_FAILED' } } });
    expect(await nodeOf(xml('=code'), 'end')).toMatchObject({ trigger: { kind: 'error', errorCode: { kind: 'expression', expression: { source: 'code' } } } });
  });

  it('refuses an error end event without error, or with an error without code', async () => {
    const noRef = around('    <bpmn:task id="x" />').replace('<bpmn:endEvent id="end" />', '<bpmn:endEvent id="end"><bpmn:errorEventDefinition /></bpmn:endEvent>');
    expectProblem(await compileProblems(noRef), 'BPMN_INVALID_ERROR', 'end', noRef);
    const noCode = around('    <bpmn:task id="x" />', '<bpmn:error id="E" name="Failed" />').replace('<bpmn:endEvent id="end" />', '<bpmn:endEvent id="end"><bpmn:errorEventDefinition errorRef="E" /></bpmn:endEvent>');
    expect(expectProblem(await compileProblems(noCode), 'BPMN_INVALID_ERROR', 'end', noCode).message).toContain("'E' has no errorCode");
  });

  it.each([
    ['message', '<bpmn:messageEventDefinition messageRef="M" />'],
    ['escalation', '<bpmn:escalationEventDefinition />'],
    ['signal', '<bpmn:signalEventDefinition />'],
    ['compensate', '<bpmn:compensateEventDefinition />'],
  ])('refuses a %s end event as unsupported', async (kind, definition) => {
    const xml = around('    <bpmn:task id="x" />', MESSAGE).replace('<bpmn:endEvent id="end" />', `<bpmn:endEvent id="end">${definition}</bpmn:endEvent>`);
    expect(expectProblem(await compileProblems(xml), 'BPMN_UNSUPPORTED_ELEMENT', 'end', xml).message).toContain(`${kind} endEvent`);
  });
});

describe('intermediate events', () => {
  it('compiles timer catch events with a duration or a date', async () => {
    expect(await nodeOf(around(`    <bpmn:intermediateCatchEvent id="x">${timer('timeDuration', 'PT5M')}</bpmn:intermediateCatchEvent>`), 'x')).toMatchObject({
      type: 'intermediateCatchEvent',
      trigger: { kind: 'timer', timer: { kind: 'duration', value: { kind: 'static', value: 'PT5M' } } },
    });
    expect(await nodeOf(around(`    <bpmn:intermediateCatchEvent id="x">${timer('timeDate', '2026-03-01T10:00:00+01:00')}</bpmn:intermediateCatchEvent>`), 'x')).toMatchObject({
      trigger: { kind: 'timer', timer: { kind: 'date' } },
    });
  });

  it('compiles a message catch event with name and correlation key', async () => {
    expect(await nodeOf(around('    <bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateCatchEvent>', MESSAGE), 'x')).toMatchObject({
      trigger: { kind: 'message', message: { messageName: { kind: 'static', value: 'paid' }, correlationKey: { kind: 'expression' } } },
    });
  });

  it('compiles a none throw event as pass-through', async () => {
    expect(await nodeOf(around('    <bpmn:intermediateThrowEvent id="x" />'), 'x')).toMatchObject({ type: 'intermediateThrowEvent', trigger: { kind: 'none' } });
  });

  it.each([
    ['an invalid literal duration', timer('timeDuration', 'PT5X'), 'INVALID_DURATION', "'PT5X'"],
    ['an invalid literal date', timer('timeDate', '2026-01-01T10:00:00'), 'INVALID_DATE', '2026-01-01T10:00:00'],
    ['a cycle', timer('timeCycle', 'R3/PT1M'), 'BPMN_INVALID_TIMER', 'not a timeCycle'],
    ['an empty timer', '<bpmn:timerEventDefinition />', 'BPMN_INVALID_TIMER', 'has no timeDuration, timeDate or timeCycle'],
    ['two timer values', `<bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration><bpmn:timeDate>2026-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>`, 'BPMN_INVALID_TIMER', 'more than one'],
    ['an empty duration', timer('timeDuration', ' '), 'BPMN_INVALID_TIMER', 'empty'],
    ['a FEEL syntax error', timer('timeDuration', '=duration(') , 'FEEL_SYNTAX_ERROR', 'timeDuration at position'],
    ['no event definition', '', 'BPMN_INVALID_EVENT', 'needs an event definition'],
    ['a signal', '<bpmn:signalEventDefinition />', 'BPMN_UNSUPPORTED_ELEMENT', 'signal intermediateCatchEvent'],
    ['a link', '<bpmn:linkEventDefinition name="l" />', 'BPMN_UNSUPPORTED_ELEMENT', 'link intermediateCatchEvent'],
    ['two definitions', `${timer('timeDuration', 'PT1S')}<bpmn:messageEventDefinition messageRef="M" />`, 'BPMN_UNSUPPORTED_ELEMENT', 'several event definitions'],
  ])('refuses a catch event with %s', async (_name, definition, code, text) => {
    const xml = around(`    <bpmn:intermediateCatchEvent id="x">${definition}</bpmn:intermediateCatchEvent>`, MESSAGE);
    expect(expectProblem(await compileProblems(xml), code, 'x', xml).message).toContain(text);
  });

  it.each([
    ['message', '<bpmn:messageEventDefinition messageRef="M" />'],
    ['escalation', '<bpmn:escalationEventDefinition />'],
    ['signal', '<bpmn:signalEventDefinition />'],
    ['link', '<bpmn:linkEventDefinition name="l" />'],
    ['compensate', '<bpmn:compensateEventDefinition />'],
  ])('refuses a %s throw event as unsupported', async (kind, definition) => {
    const xml = around(`    <bpmn:intermediateThrowEvent id="x">${definition}</bpmn:intermediateThrowEvent>`, MESSAGE);
    expect(expectProblem(await compileProblems(xml), 'BPMN_UNSUPPORTED_ELEMENT', 'x', xml).message).toContain(`${kind} intermediateThrowEvent`);
  });

  it('refuses a message without name, naming the event', async () => {
    const xml = around('    <bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition messageRef="M0" /></bpmn:intermediateCatchEvent>', '<bpmn:message id="M0" />');
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_MESSAGE', 'x', xml).message).toContain("'M0' has no name");
  });
});

describe('boundary events', () => {
  it('attaches to the activity, outside the scope children, and is listed on the activity', async () => {
    const process = await compileOne(withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="task">${timer('timeDuration', 'PT1M')}</bpmn:boundaryEvent>`));
    expect(process.nodes.get('b')).toMatchObject({ type: 'boundaryEvent', attachedToId: 'task', interrupting: true, scopeId: 'p', outgoing: ['f3'] });
    expect(process.nodes.get('task')?.boundaryIds).toEqual(['b']);
    expect(process.root.childIds).not.toContain('b');
  });

  it('compiles error boundary events: catch-all without error, by code with one', async () => {
    const catchAll = await nodeOf(withBoundary('<bpmn:boundaryEvent id="b" attachedToRef="task"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>'), 'b');
    expect(catchAll).toMatchObject({ interrupting: true, trigger: { kind: 'error' } });
    if (catchAll?.type === 'boundaryEvent' && catchAll.trigger.kind === 'error') expect(catchAll.trigger.errorCode).toBeUndefined();
    const byCode = await nodeOf(
      withBoundary('<bpmn:boundaryEvent id="b" attachedToRef="task"><bpmn:errorEventDefinition errorRef="E" /></bpmn:boundaryEvent>', '<bpmn:error id="E" name="Late" errorCode="LATE" />'),
      'b',
    );
    expect(byCode).toMatchObject({ trigger: { kind: 'error', errorCode: { kind: 'static', value: 'LATE' }, errorName: 'Late' } });
  });

  it('compiles non-interrupting timer boundary events with a cycle', async () => {
    expect(await nodeOf(withBoundary(`<bpmn:boundaryEvent id="b" cancelActivity="false" attachedToRef="task">${timer('timeCycle', 'R3/PT10S')}</bpmn:boundaryEvent>`), 'b')).toMatchObject({
      interrupting: false,
      trigger: { kind: 'timer', timer: { kind: 'cycle', value: { kind: 'static', value: 'R3/PT10S' } } },
    });
  });

  it('compiles a message boundary event', async () => {
    expect(await nodeOf(withBoundary('<bpmn:boundaryEvent id="b" attachedToRef="task"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>', MESSAGE), 'b')).toMatchObject({
      trigger: { kind: 'message' },
    });
  });

  it.each([
    ['an interrupting timer with a cycle', `<bpmn:boundaryEvent id="b" attachedToRef="task">${timer('timeCycle', 'R/PT1M')}</bpmn:boundaryEvent>`, 'BPMN_INVALID_TIMER', 'interrupting timer boundaryEvent'],
    ['an invalid cycle', `<bpmn:boundaryEvent id="b" cancelActivity="false" attachedToRef="task">${timer('timeCycle', 'R3/PT0S')}</bpmn:boundaryEvent>`, 'INVALID_CYCLE', "'R3/PT0S'"],
    ['a non-interrupting error event', '<bpmn:boundaryEvent id="b" cancelActivity="false" attachedToRef="task"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>', 'BPMN_INVALID_BOUNDARY_EVENT', 'always interrupting'],
    ['no attachment', '<bpmn:boundaryEvent id="b"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>', 'BPMN_INVALID_BOUNDARY_EVENT', 'attachedToRef'],
    ['an attachment to an event', '<bpmn:boundaryEvent id="b" attachedToRef="end"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>', 'BPMN_INVALID_BOUNDARY_EVENT', "endEvent 'end'"],
    ['an attachment to a missing element', '<bpmn:boundaryEvent id="b" attachedToRef="ghost"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>', 'BPMN_UNRESOLVED_REFERENCE', "'ghost'"],
    ['no event definition', '<bpmn:boundaryEvent id="b" attachedToRef="task" />', 'BPMN_INVALID_EVENT', 'needs an event definition'],
    ['an escalation', '<bpmn:boundaryEvent id="b" attachedToRef="task"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>', 'BPMN_UNSUPPORTED_ELEMENT', 'escalation boundaryEvent'],
    ['an expression error code', '<bpmn:boundaryEvent id="b" attachedToRef="task"><bpmn:errorEventDefinition errorRef="E2" /></bpmn:boundaryEvent>', 'BPMN_INVALID_ERROR', 'literal errorCode'],
  ])('refuses %s', async (_name, boundary, code, text) => {
    const xml = withBoundary(boundary, '<bpmn:error id="E2" errorCode="=code" />');
    expect(expectProblem(await compileProblems(xml), code, 'b', xml).message).toContain(text);
  });

  it('refuses incoming flows into a boundary event', async () => {
    const xml = withBoundary('<bpmn:boundaryEvent id="b" attachedToRef="task"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>').replace('<bpmn:endEvent id="after" />', '<bpmn:endEvent id="after" /><bpmn:sequenceFlow id="f4" sourceRef="start" targetRef="b" />');
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_EVENT', 'b', xml).message).toContain('incoming');
  });
});

describe('message names', () => {
  it('refuse two message start events of a process waiting for the same message', async () => {
    const xml = processXml(`    <bpmn:startEvent id="s1"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>
    <bpmn:startEvent id="s2"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>`, MESSAGE);
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_MESSAGE', 's2', xml).message).toContain("'paid' like 's1'");
  });

  it('refuse two message boundary events of one activity waiting for the same message', async () => {
    const xml = withBoundary('<bpmn:boundaryEvent id="b" attachedToRef="task"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>', MESSAGE).replace(
      '<bpmn:endEvent id="after" />',
      '<bpmn:endEvent id="after" /><bpmn:boundaryEvent id="b2" attachedToRef="task"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>',
    );
    expectProblem(await compileProblems(xml), 'BPMN_INVALID_MESSAGE', 'b2', xml);
  });
});

describe('unresolved event references', () => {
  it('name the event rather than its event definition', async () => {
    const xml = around('    <bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition id="MessageEventDefinition_1" messageRef="Message_gone" /></bpmn:intermediateCatchEvent>');
    const problems = await compileProblems(xml);
    const problem = expectProblem(problems, 'BPMN_UNRESOLVED_REFERENCE', 'x', xml);
    expect(problem.message).toContain("messageEventDefinition messageRef references 'Message_gone'");
    // The missing message is reported once, not again as "names no message".
    expect(problems).toHaveLength(1);
  });

  it('report an unresolved errorRef on an error end event once', async () => {
    const xml = around('    <bpmn:task id="x" />').replace('<bpmn:endEvent id="end" />', '<bpmn:endEvent id="end"><bpmn:errorEventDefinition id="ed" errorRef="Error_gone" /></bpmn:endEvent>');
    const problems = await compileProblems(xml);
    expectProblem(problems, 'BPMN_UNRESOLVED_REFERENCE', 'end', xml);
    expect(problems).toHaveLength(1);
  });
});
