import type { Mapping } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { elementList, elementProp, stringProp, withArticle, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';

// Zeebe extensions whose meaning Weft does not implement yet. Ignoring them would run the
// process differently from how it was drawn, so they refuse the deployment.
const UNSUPPORTED = new Map([
  ['zeebe:ExecutionListeners', 'execution listeners'],
  ['zeebe:TaskListeners', 'task listeners'],
  ['zeebe:CalledDecision', 'DMN decisions (zeebe:calledDecision)'],
  ['zeebe:CalledElement', 'call activities (zeebe:calledElement)'],
  ['zeebe:LoopCharacteristics', 'multi-instance (zeebe:loopCharacteristics)'],
  ['zeebe:AdHoc', 'ad-hoc subprocesses (zeebe:adHoc)'],
  ['zeebe:ConditionalFilter', 'conditional events (zeebe:conditionalFilter)'],
  ['zeebe:AgentDefinition', 'AI agents (zeebe:agentDefinition)'],
]);

/** Every extension element on `element`, in document order. */
export function extensionsOf(element: ModdleElement): readonly ModdleElement[] {
  const container = elementProp(element, 'extensionElements');
  return container === undefined ? [] : elementList(container, 'values');
}

/** The first extension element of `type` (`zeebe:TaskDefinition`), if any. */
export function extensionOf(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensionsOf(element).find((extension) => extension.$type === type);
}

/**
 * Report extension elements the compiler will not use: those with unimplemented meaning
 * as errors, the rest (metadata, other tools' extensions) as warnings. `used` lists the
 * types the caller reads; `zeebe:IoMapping` and `zeebe:Properties` are read for every node.
 */
export function checkExtensions(element: ModdleElement, used: readonly string[], context: CompileContext): void {
  for (const extension of extensionsOf(element)) {
    const type = extension.$type;
    if (type === 'zeebe:IoMapping' || type === 'zeebe:Properties' || used.includes(type)) continue;
    const unsupported = UNSUPPORTED.get(type);
    if (unsupported !== undefined) {
      context.problems.error('BPMN_UNSUPPORTED_ELEMENT', element, `${unsupported} on ${withArticle(xmlName(element.$type))} are not supported`);
    } else {
      context.problems.warning('BPMN_IGNORED_EXTENSION', element, `the extension element <${type}> has no effect on ${withArticle(xmlName(element.$type))} and is ignored`);
    }
  }
}

/** `zeebe:ioMapping` inputs and outputs. A missing input source maps null, as in Camunda 8.8. */
export function readMappings(element: ModdleElement, context: CompileContext): { inputs: Mapping[]; outputs: Mapping[] } {
  const ioMapping = extensionOf(element, 'zeebe:IoMapping');
  if (ioMapping === undefined) return { inputs: [], outputs: [] };
  return {
    inputs: readMappingList(element, elementList(ioMapping, 'inputParameters'), 'input', context),
    outputs: readMappingList(element, elementList(ioMapping, 'outputParameters'), 'output', context),
  };
}

function readMappingList(element: ModdleElement, parameters: readonly ModdleElement[], kind: 'input' | 'output', context: CompileContext): Mapping[] {
  const mappings: Mapping[] = [];
  for (const parameter of parameters) {
    const target = stringProp(parameter, 'target')?.trim() ?? '';
    const source = stringProp(parameter, 'source') ?? '';
    if (!isVariablePath(target)) {
      const problem = target === '' ? 'has no target' : `has the target '${target}', which is not a variable name or dotted path`;
      context.problems.error('BPMN_INVALID_MAPPING', element, `a zeebe:${kind} ${problem}`);
      continue;
    }
    if (source.trim() === '' && kind === 'output') {
      context.problems.error('BPMN_INVALID_MAPPING', element, `the zeebe:output with target '${target}' has no source`);
      continue;
    }
    const value = source.trim() === '' ? context.valueSource(element, `zeebe:input target '${target}'`, '=null') : context.valueSource(element, `zeebe:${kind} target '${target}'`, source);
    if (value !== undefined) mappings.push({ source: value, target });
  }
  return mappings;
}

/** `zeebe:properties` as written: name → value (an `=` value stays text; its reader decides). */
export function readProperties(element: ModdleElement, context: CompileContext): Record<string, string> {
  // Entries, then fromEntries: a property named `__proto__` stays an ordinary key.
  const properties: [string, string][] = [];
  const container = extensionOf(element, 'zeebe:Properties');
  for (const property of container === undefined ? [] : elementList(container, 'properties')) {
    const name = stringProp(property, 'name');
    if (name === undefined || name === '') {
      context.problems.warning('BPMN_IGNORED_EXTENSION', element, 'a zeebe:property without a name is ignored');
      continue;
    }
    properties.push([name, stringProp(property, 'value') ?? '']);
  }
  return Object.fromEntries(properties);
}

/** `zeebe:taskHeaders`: key → value; like Zeebe, headers without a key or value are left out. */
export function readHeaders(element: ModdleElement): Record<string, string> {
  const headers: [string, string][] = [];
  const container = extensionOf(element, 'zeebe:TaskHeaders');
  for (const header of container === undefined ? [] : elementList(container, 'values')) {
    const key = stringProp(header, 'key');
    const value = stringProp(header, 'value');
    if (key !== undefined && key !== '' && value !== undefined && value !== '') headers.push([key, value]);
  }
  return Object.fromEntries(headers);
}

function isVariablePath(target: string): boolean {
  return target !== '' && !target.startsWith('=') && target.split('.').every((segment) => segment.trim() !== '');
}
