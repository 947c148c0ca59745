/**
 * Small BPMN builders for tests: a process body in Camunda Modeler's namespaces.
 * Diagrams are left out; the engine does not need them.
 */
export function bpmn(processId: string, body: string, extraDefinitions = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn"
  exporter="Camunda Modeler" exporterVersion="5.16.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.3.0">
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
${extraDefinitions}
</bpmn:definitions>`;
}

/** A sequence flow, optionally with a FEEL condition (without the leading '='). */
export function flow(id: string, source: string, target: string, condition?: string): string {
  if (condition === undefined) return `    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;
  const escaped = condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=${escaped}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>`;
}

/** A service task with a job type, optional headers and mappings. */
export function serviceTask(id: string, type: string, extra: { headers?: Record<string, string>; inputs?: [string, string][]; outputs?: [string, string][]; retries?: number } = {}): string {
  const headers = extra.headers
    ? `<zeebe:taskHeaders>${Object.entries(extra.headers).map(([k, v]) => `<zeebe:header key="${k}" value="${escapeAttr(v)}" />`).join('')}</zeebe:taskHeaders>`
    : '';
  const io = extra.inputs || extra.outputs
    ? `<zeebe:ioMapping>${(extra.inputs ?? []).map(([s, t]) => `<zeebe:input source="${escapeAttr(s)}" target="${t}" />`).join('')}${(extra.outputs ?? []).map(([s, t]) => `<zeebe:output source="${escapeAttr(s)}" target="${t}" />`).join('')}</zeebe:ioMapping>`
    : '';
  const retries = extra.retries === undefined ? '' : ` retries="${extra.retries}"`;
  return `    <bpmn:serviceTask id="${id}">
      <bpmn:extensionElements><zeebe:taskDefinition type="${escapeAttr(type)}"${retries} />${headers}${io}</bpmn:extensionElements>
    </bpmn:serviceTask>`;
}

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<zeebe:ioMapping>` with inputs and outputs as [source, target] pairs. */
export function ioMapping(inputs: [string, string][] = [], outputs: [string, string][] = []): string {
  if (inputs.length === 0 && outputs.length === 0) return '';
  const ins = inputs.map(([s, t]) => `<zeebe:input source="${escapeAttr(s)}" target="${t}" />`).join('');
  const outs = outputs.map(([s, t]) => `<zeebe:output source="${escapeAttr(s)}" target="${t}" />`).join('');
  return `<zeebe:ioMapping>${ins}${outs}</zeebe:ioMapping>`;
}

/** Any element with optional zeebe extension content and inner XML. */
export function element(tag: string, id: string, extensions = '', inner = '', attributes = ''): string {
  const ext = extensions === '' ? '' : `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>`;
  return `    <bpmn:${tag} id="${id}"${attributes}>${ext}${inner}</bpmn:${tag}>`;
}

/** A script task with `zeebe:script` (expression without the leading '='). */
export function scriptTask(id: string, expression: string, resultVariable: string, io: { inputs?: [string, string][]; outputs?: [string, string][] } = {}): string {
  return element('scriptTask', id, `<zeebe:script expression="=${escapeAttr(expression)}" resultVariable="${resultVariable}" />${ioMapping(io.inputs, io.outputs)}`);
}

/** A timer event definition: kind is timeDuration, timeDate or timeCycle; value as written. */
export function timerDefinition(kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string {
  return `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${escapeAttr(value)}</bpmn:${kind}></bpmn:timerEventDefinition>`;
}

/** A timer start event. */
export function timerStart(id: string, kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string {
  return element('startEvent', id, '', timerDefinition(kind, value));
}

/** An intermediate timer catch event. */
export function timerCatch(id: string, kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string {
  return element('intermediateCatchEvent', id, '', timerDefinition(kind, value));
}

/** A timer boundary event; `cancelActivity` false makes it non-interrupting. */
export function timerBoundary(id: string, attachedTo: string, kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string, cancelActivity = true): string {
  return element('boundaryEvent', id, '', timerDefinition(kind, value), ` attachedToRef="${attachedTo}" cancelActivity="${cancelActivity}"`);
}

/** An error boundary event; without `errorRef` it catches every error. */
export function errorBoundary(id: string, attachedTo: string, errorRef?: string): string {
  const ref = errorRef === undefined ? '' : ` errorRef="${errorRef}"`;
  return element('boundaryEvent', id, '', `<bpmn:errorEventDefinition${ref} />`, ` attachedToRef="${attachedTo}"`);
}

/** An error end event throwing the error `errorRef`. */
export function errorEnd(id: string, errorRef: string): string {
  return element('endEvent', id, '', `<bpmn:errorEventDefinition errorRef="${errorRef}" />`);
}

/** A terminate end event. */
export function terminateEnd(id: string): string {
  return element('endEvent', id, '', '<bpmn:terminateEventDefinition />');
}

/** A `bpmn:error` for the definitions (pass as `extraDefinitions` of `bpmn`). */
export function errorDefinition(id: string, errorCode: string, name = id): string {
  return `  <bpmn:error id="${id}" name="${name}" errorCode="${escapeAttr(errorCode)}" />`;
}

/** A gateway; `defaultFlow` names its default sequence flow. */
export function gateway(kind: 'exclusive' | 'parallel' | 'inclusive', id: string, defaultFlow?: string): string {
  const dflt = defaultFlow === undefined ? '' : ` default="${defaultFlow}"`;
  return `    <bpmn:${kind}Gateway id="${id}"${dflt} />`;
}

/** An embedded subprocess around `body`, with optional io mapping. */
export function subProcess(id: string, body: string, io: { inputs?: [string, string][]; outputs?: [string, string][] } = {}): string {
  return element('subProcess', id, ioMapping(io.inputs, io.outputs), `\n${body}\n    `);
}

/** Sequence flows chaining the ids in order: f_a_b between each neighbour. */
export function chain(...ids: string[]): string {
  return ids.slice(1).map((id, i) => flow(`f_${ids[i]}_${id}`, ids[i]!, id)).join('\n');
}

/** A process with one task between a start and an end event; the task's id must be `task`. */
export function oneTask(processId: string, task: string): string {
  return bpmn(processId, `
    <bpmn:startEvent id="start" />
${task}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`);
}
