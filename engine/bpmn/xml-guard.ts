import type { CompileLimits } from './compile-options.js';
import type { ProblemCollector } from './problem-collector.js';
import type { SourcePositions } from './source-positions.js';

// Elements counted against `maxFlowElements`: everything BPMN puts in `flowElements`.
const FLOW_ELEMENTS = new Set([
  'sequenceFlow', 'task', 'serviceTask', 'sendTask', 'receiveTask', 'userTask', 'manualTask', 'scriptTask',
  'businessRuleTask', 'callActivity', 'subProcess', 'transaction', 'adHocSubProcess', 'startEvent', 'endEvent',
  'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'implicitThrowEvent', 'exclusiveGateway',
  'inclusiveGateway', 'parallelGateway', 'eventBasedGateway', 'complexGateway', 'dataObject',
  'dataObjectReference', 'dataStoreReference',
]);
const SUBPROCESSES = new Set(['subProcess', 'transaction', 'adHocSubProcess']);
const ID_ATTRIBUTE = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * Look at the raw text before any parser does: refuse DOCTYPE and entity declarations
 * (XXE, billion laughs) and files over the size, count or depth limits, and record where
 * each element id sits for later messages. One linear pass; returns whether the text is
 * safe to hand to the parser. Malformed markup is left for the parser to report.
 */
export function guardXml(xml: string, limits: CompileLimits, positions: SourcePositions, problems: ProblemCollector): boolean {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > limits.maxBytes) {
    problems.errorAt('BPMN_TOO_LARGE', undefined, `the file has ${bytes} bytes; the limit is ${limits.maxBytes} bytes`);
    return false;
  }
  // One entry per open element: whether it is a subprocess. Its length is the XML depth.
  const openElements: boolean[] = [];
  let subprocessDepth = 0;
  let flowElements = 0;
  let i = xml.indexOf('<');
  while (i !== -1) {
    if (xml.startsWith('<!--', i)) {
      i = after(xml, '-->', i + 4);
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      i = after(xml, ']]>', i + 9);
      continue;
    }
    const second = xml[i + 1];
    if (second === '!') {
      problems.errorAt('BPMN_DOCTYPE_FORBIDDEN', positions.at(i), 'DOCTYPE and entity declarations are not accepted (they allow external entity and entity expansion attacks)');
      return false;
    }
    if (second === '?') {
      i = after(xml, '?>', i + 2);
      continue;
    }
    const end = tagEnd(xml, i + 1);
    if (end === -1) return true;
    if (second === '/') {
      if (openElements.pop() === true) subprocessDepth -= 1;
      i = xml.indexOf('<', end + 1);
      continue;
    }
    const tag = xml.slice(i + 1, end);
    const name = /^[^\s/>]*/.exec(tag)?.[0] ?? '';
    const local = name.slice(name.indexOf(':') + 1);
    const id = ID_ATTRIBUTE.exec(tag);
    if (id) positions.recordId(id[1] ?? id[2] ?? '', i);
    if (FLOW_ELEMENTS.has(local) && ++flowElements > limits.maxFlowElements) {
      problems.errorAt('BPMN_TOO_LARGE', positions.at(i), `the file has more than ${limits.maxFlowElements} flow elements`);
      return false;
    }
    if (!tag.endsWith('/')) {
      const isSubprocess = SUBPROCESSES.has(local);
      openElements.push(isSubprocess);
      if (openElements.length > limits.maxXmlDepth) {
        problems.errorAt('BPMN_TOO_DEEP', positions.at(i), `XML elements are nested more than ${limits.maxXmlDepth} levels deep`);
        return false;
      }
      if (isSubprocess && ++subprocessDepth > limits.maxSubprocessDepth) {
        problems.errorAt('BPMN_TOO_DEEP', positions.at(i), `subprocesses are nested more than ${limits.maxSubprocessDepth} levels deep`);
        return false;
      }
    }
    i = xml.indexOf('<', end + 1);
  }
  return true;
}

/** The next `<` after the terminator `marker`, or -1 when the construct never ends. */
function after(xml: string, marker: string, from: number): number {
  const end = xml.indexOf(marker, from);
  return end === -1 ? -1 : xml.indexOf('<', end + marker.length);
}

/** The offset of the `>` closing a tag, skipping quoted attribute values (which may hold `>`). */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i += 1) {
    const c = xml[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  return -1;
}
