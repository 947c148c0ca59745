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
