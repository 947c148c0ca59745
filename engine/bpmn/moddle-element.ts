/**
 * What the compiler needs of an element bpmn-moddle read: its type (`bpmn:ServiceTask`),
 * id, parent and named properties. A structural view, so no moddle class leaks out of here.
 */
export interface ModdleElement {
  readonly $type: string;
  readonly $parent?: ModdleElement;
  readonly id?: string;
  readonly [property: string]: unknown;
}

/** Whether `value` looks like an element bpmn-moddle produced. */
export function isModdleElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** A string property, or undefined when absent or not a string. */
export function stringProp(element: ModdleElement, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

/** A boolean property (moddle fills in BPMN defaults such as `cancelActivity=true`). */
export function booleanProp(element: ModdleElement, name: string): boolean | undefined {
  const value = element[name];
  return typeof value === 'boolean' ? value : undefined;
}

/** A single contained or referenced element. */
export function elementProp(element: ModdleElement, name: string): ModdleElement | undefined {
  const value = element[name];
  return isModdleElement(value) ? value : undefined;
}

/** A many-valued property (`flowElements`, `eventDefinitions`…); empty when absent. */
export function elementList(element: ModdleElement, name: string): readonly ModdleElement[] {
  const value = element[name];
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

/**
 * `bpmn:ServiceTask` → `serviceTask`: the element name as it appears in the XML (BPMN and
 * Zeebe write element names in lower camel case; the diagram keeps `BPMNShape`).
 */
export function xmlName(type: string): string {
  const local = type.slice(type.indexOf(':') + 1);
  if (type.startsWith('bpmndi:')) return local;
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** `serviceTask` → `a serviceTask`, `endEvent` → `an endEvent`: for messages that read well. */
export function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** The element itself or its nearest ancestor that carries an id — what a problem names. */
export function nearestWithId(element: ModdleElement | undefined): ModdleElement | undefined {
  let current = element;
  while (current !== undefined && (current.id === undefined || current.id === '')) current = current.$parent;
  return current;
}
