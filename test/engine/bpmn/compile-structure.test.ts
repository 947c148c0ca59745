import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../../../engine/bpmn/index.js';
import { compileOne, compileOk, compileProblems, definitions, expectProblem, fixture, processXml } from './bpmn-xml.js';

describe('a process with every supported element (fixture order-process.bpmn)', () => {
  const xml = fixture('order-process.bpmn');

  it('compiles, ignoring lanes, collaboration, annotations, groups and data stores', async () => {
    const result = await compileBpmn(xml);
    if (!result.ok) expect.fail(JSON.stringify(result.problems, null, 2));
    expect(result.warnings).toEqual([]);
    const [process] = result.processes;
    expect(process?.bpmnProcessId).toBe('order-process');
    expect(process?.name).toBe('Order process');
    expect(process?.nodes.has('Orders_store')).toBe(false);
  });

  it('maps every flow node, nested ones included, and every flow', async () => {
    const process = await compileOne(xml);
    expect([...process.nodes.keys()].sort()).toEqual(
      [
        'start', 'timer_start', 'msg_start', 'validate', 'check', 'rejected', 'fork', 'pay', 'pay_start', 'charge', 'pay_end',
        'pay_failed', 'pay_timeout', 'refund', 'failed_end', 'timeout_end', 'notify', 'remind', 'reminded', 'reminder_end',
        'join', 'wait_shipment', 'delay', 'rate', 'cancel_msg', 'cancelled_end', 'score', 'route', 'archive', 'feedback',
        'merge', 'note', 'end',
      ].sort(),
    );
    expect(process.flows.size).toBe(29);
    expect(process.nodes.get('charge')).toMatchObject({ scopeId: 'pay', type: 'serviceTask', job: { type: { kind: 'expression' }, retries: { kind: 'expression' } } });
  });

  it('builds the scopes: root and subprocess, children without boundary events', async () => {
    const process = await compileOne(xml);
    expect(process.root).toBe(process.scopes.get('order-process'));
    expect(process.root.noneStartId).toBe('start');
    expect(process.root.parentId).toBeUndefined();
    expect(process.root.childIds).toContain('pay');
    expect(process.root.childIds).not.toContain('pay_failed');
    expect(process.root.childIds).not.toContain('charge');
    expect(process.scopes.get('pay')).toEqual({ id: 'pay', parentId: 'order-process', childIds: ['pay_start', 'charge', 'pay_end'], noneStartId: 'pay_start' });
    expect(process.nodes.get('pay')?.boundaryIds).toEqual(['pay_failed', 'pay_timeout']);
    expect(process.nodes.get('pay')?.inputs).toHaveLength(1);
  });

  it('lists the process-level start events for registration', async () => {
    const process = await compileOne(xml);
    expect(process.startEvents.map((s) => [s.id, s.trigger.kind])).toEqual([
      ['start', 'none'],
      ['timer_start', 'timer'],
      ['msg_start', 'message'],
    ]);
    expect(process.startEvents[2]?.properties).toEqual({ 'inbound.type': 'io.camunda:webhook:1', 'inbound.context': 'orders' });
  });
});

describe('embedded subprocesses', () => {
  const sub = (inner: string): string =>
    processXml(`    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
    <bpmn:subProcess id="sub">
${inner}
    </bpmn:subProcess>`);

  it('need a none start event', async () => {
    const xml = sub('      <bpmn:task id="t" />');
    expect(expectProblem(await compileProblems(xml), 'BPMN_NO_START_EVENT', 'sub', xml).message).toContain('exactly one none start event');
  });

  it('refuse message and timer start events (valid only at process level)', async () => {
    const xml = sub('      <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>').replace('</bpmn:process>', '</bpmn:process><bpmn:message id="M" name="m" />');
    expect(expectProblem(await compileProblems(xml), 'BPMN_INVALID_EVENT', 's', xml).message).toContain('valid only at process level');
  });

  it('refuse a second none start event', async () => {
    const xml = sub('      <bpmn:startEvent id="s1" />\n      <bpmn:startEvent id="s2" />');
    expectProblem(await compileProblems(xml), 'BPMN_INVALID_EVENT', 's2', xml);
  });

  it('nest, each with its own scope', async () => {
    const process = await compileOne(sub('      <bpmn:startEvent id="s1" />\n      <bpmn:sequenceFlow id="f2" sourceRef="s1" targetRef="inner" />\n      <bpmn:subProcess id="inner"><bpmn:startEvent id="s2" /></bpmn:subProcess>'));
    expect(process.scopes.get('inner')).toEqual({ id: 'inner', parentId: 'sub', childIds: ['s2'], noneStartId: 's2' });
    expect(process.nodes.get('s2')?.scopeId).toBe('inner');
    expect(process.flows.get('f2')).toEqual({ id: 'f2', sourceId: 's1', targetId: 'inner' });
  });

  it('refuse event subprocesses, without reporting their insides', async () => {
    const xml = sub('      <bpmn:startEvent id="s1" />').replace('<bpmn:subProcess id="sub">', '<bpmn:subProcess id="sub"><bpmn:subProcess id="evt" triggeredByEvent="true"><bpmn:startEvent id="es"><bpmn:errorEventDefinition /></bpmn:startEvent></bpmn:subProcess>');
    const problems = await compileProblems(xml);
    expect(expectProblem(problems, 'BPMN_UNSUPPORTED_ELEMENT', 'evt', xml).message).toContain('event subprocesses');
    expect(problems).toHaveLength(1);
  });
});

describe('files and processes', () => {
  it('returns every executable process of a collaboration, skipping non-executable ones', async () => {
    const xml = definitions(`  <bpmn:collaboration id="c">
    <bpmn:participant id="pa" processRef="a" />
    <bpmn:participant id="pb" processRef="b" />
    <bpmn:participant id="pc" processRef="c2" />
    <bpmn:messageFlow id="mf" sourceRef="ta" targetRef="sb" />
  </bpmn:collaboration>
  <bpmn:process id="a" isExecutable="true"><bpmn:startEvent id="sa" /><bpmn:task id="ta" /></bpmn:process>
  <bpmn:process id="b" isExecutable="true"><bpmn:startEvent id="sb" /></bpmn:process>
  <bpmn:process id="c2" isExecutable="false"><bpmn:serviceTask id="no-definition-needed" /><bpmn:sequenceFlow id="broken" sourceRef="ghost" targetRef="ghost" /></bpmn:process>`);
    const result = await compileBpmn(xml);
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    expect(result.processes.map((p) => p.bpmnProcessId)).toEqual(['a', 'b']);
    // References broken outside executable processes do not stop the deployment.
    expect(result.warnings.map((w) => [w.code, w.elementId])).toEqual([
      ['BPMN_UNRESOLVED_REFERENCE', 'broken'],
      ['BPMN_UNRESOLVED_REFERENCE', 'broken'],
    ]);
  });

  it('refuses a file without executable process, naming the processes found', async () => {
    const xml = definitions('  <bpmn:process id="draft" isExecutable="false"><bpmn:startEvent id="s" /></bpmn:process>');
    expectProblem(await compileProblems(xml), 'BPMN_NO_EXECUTABLE_PROCESS', 'draft', xml);
    const empty = await compileProblems(definitions(''));
    expect(empty).toEqual([expect.objectContaining({ code: 'BPMN_NO_EXECUTABLE_PROCESS', elementId: 'defs', message: expect.stringContaining("definitions 'defs'") })]);
  });

  it('keeps unresolved diagram references as warnings', async () => {
    const xml = definitions(`  <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /></bpmn:process>
  <bpmndi:BPMNDiagram id="d">
    <bpmndi:BPMNPlane id="plane" bpmnElement="Process_gone">
      <bpmndi:BPMNShape id="shape" bpmnElement="Event_gone"><dc:Bounds x="0" y="0" width="1" height="1" /></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>`);
    const result = await compileBpmn(xml);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'BPMN_UNRESOLVED_REFERENCE', elementId: 'plane', line: 5, message: expect.stringContaining("BPMNPlane 'plane' (line 5, column 5): bpmnElement references 'Process_gone'") }),
      expect.objectContaining({ code: 'BPMN_UNRESOLVED_REFERENCE', elementId: 'shape', line: 6 }),
    ]);
  });

  it('reports every problem of a file at once, in text order', async () => {
    const xml = processXml(`    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="ghost" />
    <bpmn:callActivity id="call" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>soon</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:script expression="=1 +" resultVariable="r" /></bpmn:extensionElements></bpmn:scriptTask>`);
    const problems = await compileProblems(xml);
    expect(problems.map((p) => [p.code, p.elementId, p.line])).toEqual([
      ['BPMN_MISSING_TASK_DEFINITION', 'work', 6],
      ['BPMN_UNRESOLVED_REFERENCE', 'f2', 7],
      ['BPMN_UNSUPPORTED_ELEMENT', 'call', 8],
      ['INVALID_DURATION', 'wait', 9],
      ['FEEL_SYNTAX_ERROR', 'script', 10],
    ]);
  });

  it('compiles a 1,000-task process (linear; time printed, not asserted)', async () => {
    const tasks: string[] = ['<bpmn:startEvent id="start" />'];
    let previous = 'start';
    for (let i = 0; i < 1000; i += 1) {
      tasks.push(
        `<bpmn:serviceTask id="t${i}"><bpmn:extensionElements><zeebe:taskDefinition type="io.camunda:http-json:1" /><zeebe:ioMapping><zeebe:input source="=&quot;https://example.com/&quot; + string(id${i})" target="url" /><zeebe:input source="GET" target="method" /></zeebe:ioMapping><zeebe:taskHeaders><zeebe:header key="resultVariable" value="r${i}" /></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`,
        `<bpmn:sequenceFlow id="f${i}" sourceRef="${previous}" targetRef="t${i}" />`,
      );
      previous = `t${i}`;
    }
    tasks.push('<bpmn:endEvent id="end" />', `<bpmn:sequenceFlow id="fEnd" sourceRef="${previous}" targetRef="end" />`);
    const xml = processXml(tasks.join('\n'));
    const started = performance.now();
    const [process] = await compileOk(xml);
    const elapsed = performance.now() - started;
    console.info(`compiled 1,000 tasks (${xml.length} chars) in ${elapsed.toFixed(0)} ms`);
    expect(process?.nodes.size).toBe(1002);
  });
});
