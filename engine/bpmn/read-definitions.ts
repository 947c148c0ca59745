import { BpmnModdle } from 'bpmn-moddle';
import type { ModdleParseWarning } from 'bpmn-moddle';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import type { SourcePosition } from './deploy-problem.js';
import { isModdleElement } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import type { ProblemCollector } from './problem-collector.js';
import { UnresolvedReferences } from './unresolved-references.js';

// Building the metamodel costs more than reading a small file; one instance serves every
// compilation (reading keeps its state in a per-call context).
const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });

/** What bpmn-moddle made of the file, with its tolerated problems already reported. */
export interface ReadDefinitions {
  readonly definitions: ModdleElement;
  readonly unresolved: UnresolvedReferences;
}

/**
 * Parse BPMN XML with bpmn-moddle and the Zeebe extensions, reporting what it tolerates:
 * malformed XML and unknown elements as errors, unresolved references as errors in process
 * semantics and as warnings in the diagram. Returns undefined when nothing usable was read.
 */
export async function readDefinitions(xml: string, problems: ProblemCollector): Promise<ReadDefinitions | undefined> {
  const unresolved = new UnresolvedReferences();
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml);
    for (const warning of warnings) reportWarning(warning, unresolved, problems);
    if (!isModdleElement(rootElement)) {
      problems.errorAt('BPMN_XML_INVALID', undefined, 'the document is not BPMN 2.0 definitions');
      return undefined;
    }
    return { definitions: rootElement, unresolved };
  } catch (error) {
    const { message, warnings } = error as Error & { warnings?: readonly ModdleParseWarning[] };
    for (const warning of warnings ?? []) reportWarning(warning, unresolved, problems);
    const parsed = parseModdleMessage(message);
    if (parsed.position !== undefined || problems.errors.length === 0) {
      problems.errorAt('BPMN_XML_INVALID', parsed.position, `malformed XML: ${parsed.reason}`);
    }
    return undefined;
  }
}

function reportWarning(warning: ModdleParseWarning, unresolved: UnresolvedReferences, problems: ProblemCollector): void {
  const { element, property, value } = warning;
  if (warning.message.startsWith('unresolved reference') && isModdleElement(element) && property !== undefined) {
    unresolved.report(element, property, String(value), problems);
    return;
  }
  const { position, reason, content } = parseModdleMessage(warning.message);
  const duplicate = /^duplicate ID <(.*)>$/.exec(reason);
  if (duplicate) {
    problems.errorAt('BPMN_DUPLICATE_ID', position, `the id '${duplicate[1]}' is used by more than one element`);
    return;
  }
  const unknown = /^unknown type <(.*)>$/.exec(reason);
  if (unknown) {
    problems.errorAt('BPMN_UNSUPPORTED_ELEMENT', position, `unknown element ${content} (type ${unknown[1]} is not part of BPMN 2.0 or the Zeebe extensions)`);
    return;
  }
  if (warning.message.startsWith('unparsable content')) {
    problems.errorAt('BPMN_XML_INVALID', position, `${content ? `${content}: ` : ''}${reason}`);
    return;
  }
  problems.warningAt('BPMN_XML_INVALID', position, warning.message);
}

interface ModdleMessage {
  readonly position?: SourcePosition;
  readonly reason: string;
  readonly content: string;
}

// saxen words its errors "unparsable content <x> detected\n\tline: 3\n\tcolumn: 7\n\tnested
// error: why", counting lines and columns from 0.
function parseModdleMessage(message: string): ModdleMessage {
  const line = /\bline: (\d+)/.exec(message);
  const column = /\bcolumn: (\d+)/.exec(message);
  const nested = /nested error: ([^\n]*)/.exec(message);
  const content = /^unparsable content (.*?) detected/s.exec(message)?.[1]?.trim() ?? '';
  return {
    ...(line && column ? { position: { line: Number(line[1]) + 1, column: Number(column[1]) + 1 } } : {}),
    reason: nested?.[1] ?? message,
    content: content.length > 80 ? `${content.slice(0, 80)}…` : content,
  };
}
