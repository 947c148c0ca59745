import { xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import type { ProblemCollector } from './problem-collector.js';

// Elements that carry no execution semantics even inside an executable process: data,
// lanes, and the annotations Modeler draws. Broken references there do not stop a deploy.
const ARTEFACTS = new Set([
  'bpmn:Association', 'bpmn:Group', 'bpmn:TextAnnotation', 'bpmn:DataInputAssociation', 'bpmn:DataOutputAssociation',
  'bpmn:DataStoreReference', 'bpmn:DataObjectReference', 'bpmn:DataObject', 'bpmn:Property', 'bpmn:LaneSet',
  'bpmn:Lane', 'bpmn:InputOutputSpecification', 'bpmn:DataInput', 'bpmn:DataOutput', 'bpmn:InputSet', 'bpmn:OutputSet',
]);

/**
 * bpmn-moddle reads an id that names nothing as a missing value plus a warning. In an
 * executable process that is an error (a flow without a target cannot run); in the diagram
 * or a non-executable part it stays a warning, as Zeebe deploys such files. Remembers what
 * was reported so later checks do not report the same gap as a missing attribute.
 */
export class UnresolvedReferences {
  readonly #reported = new Map<ModdleElement, Set<string>>();

  /** Report one unresolved reference of `element`'s `property` (`bpmn:targetRef`). */
  report(element: ModdleElement, property: string, id: string, problems: ProblemCollector): void {
    const name = property.slice(property.indexOf(':') + 1);
    // Name the event, not its definition: the event is what the author sees and clicks.
    const isDefinition = element.$type.endsWith('EventDefinition') && element.$parent !== undefined;
    const subject = isDefinition ? element.$parent : element;
    const text = `${isDefinition ? `${xmlName(element.$type)} ` : ''}${name} references '${id}', which does not exist`;
    if (!isExecutableSemantics(element)) {
      problems.warning('BPMN_UNRESOLVED_REFERENCE', subject, text);
      return;
    }
    problems.error('BPMN_UNRESOLVED_REFERENCE', subject, text);
    const names = this.#reported.get(element) ?? new Set<string>();
    names.add(name);
    this.#reported.set(element, names);
  }

  /** Whether `element.property` was already reported as unresolved (property without prefix). */
  has(element: ModdleElement, property: string): boolean {
    return this.#reported.get(element)?.has(property) ?? false;
  }
}

function isExecutableSemantics(element: ModdleElement): boolean {
  for (let current: ModdleElement | undefined = element; current !== undefined; current = current.$parent) {
    if (!current.$type.startsWith('bpmn:') || ARTEFACTS.has(current.$type)) return false;
    if (current.$type === 'bpmn:Process') return current['isExecutable'] === true;
  }
  return false;
}
