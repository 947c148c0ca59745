// Tiny BPMN text builders for benchmark processes (no diagram: neither engine needs one).

/** A definitions document with one executable process; Zeebe and xsi namespaces declared. */
export function definitions(processId, body) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="Definitions_${processId}" targetNamespace="http://weft.dev/bench">
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>
`;
}

/**
 * A sequence flow; `condition` is the text of a conditionExpression, with an optional
 * `language` attribute (Weft: FEEL written as `=…`; bpmn-engine: `javascript`).
 */
export function flow(id, source, target, condition) {
  if (!condition) return `    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;
  const language = condition.language ? ` language="${condition.language}"` : '';
  return `    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"${language}>${escape(condition.body)}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>`;
}

/** Sequence flows chaining the ids in order, named f_<from>_<to>. */
export function chain(...ids) {
  return ids.slice(1).map((id, i) => flow(`f_${ids[i]}_${id}`, ids[i], id)).join('\n');
}

/** Escape text for an XML attribute or element body. */
export function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
