import type { CompileContext } from './compile-context.js';
import { roleOf } from './element-support.js';
import { elementList, withArticle, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';

/** A flow node or sequence flow found in a scope. */
export interface WalkedElement {
  readonly element: ModdleElement;
  readonly id: string;
  /** The process id or the id of the embedded subprocess the element sits in. */
  readonly scopeId: string;
  readonly inSubprocess: boolean;
}

/** The process or an embedded subprocess, with the ids of its nodes (boundary events excluded). */
export interface WalkedScope {
  readonly id: string;
  readonly parentId?: string;
  readonly element: ModdleElement;
  readonly childIds: string[];
}

/** Everything found in one process, in document order. */
export interface ScopeWalk {
  readonly nodes: Map<string, WalkedElement>;
  readonly flows: WalkedElement[];
  readonly scopes: Map<string, WalkedScope>;
  /** Ids of unsupported elements: already reported, so flows touching them are not reported again. */
  readonly refused: Set<string>;
}

/**
 * Collect the nodes, flows and scopes of a process, descending into embedded subprocesses,
 * and report every unsupported element on the way.
 */
export function walkScopes(process: ModdleElement, processId: string, context: CompileContext): ScopeWalk {
  const walk: ScopeWalk = { nodes: new Map(), flows: [], scopes: new Map(), refused: new Set() };
  visit(process, processId, undefined, walk, context);
  return walk;
}

function visit(container: ModdleElement, scopeId: string, parentId: string | undefined, walk: ScopeWalk, context: CompileContext): void {
  const scope: WalkedScope = { id: scopeId, element: container, childIds: [], ...(parentId === undefined ? {} : { parentId }) };
  walk.scopes.set(scopeId, scope);
  const inSubprocess = parentId !== undefined;
  for (const element of elementList(container, 'flowElements')) {
    const role = roleOf(element);
    if (role.role === 'artefact') continue;
    const id = element.id;
    if (id === undefined || id === '') {
      context.problems.error('BPMN_XML_INVALID', container, `${withArticle(xmlName(element.$type))} inside has no id`);
      continue;
    }
    if (role.role === 'unsupported') {
      context.problems.error('BPMN_UNSUPPORTED_ELEMENT', element, role.reason);
      walk.refused.add(id);
      continue;
    }
    const walked: WalkedElement = { element, id, scopeId, inSubprocess };
    if (role.role === 'flow') {
      walk.flows.push(walked);
      continue;
    }
    walk.nodes.set(id, walked);
    if (element.$type !== 'bpmn:BoundaryEvent') scope.childIds.push(id);
    if (element.$type === 'bpmn:SubProcess') visit(element, id, scopeId, walk, context);
  }
}
