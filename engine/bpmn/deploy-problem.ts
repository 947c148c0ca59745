/**
 * Stable codes of deployment problems; docs/errors/bpmn.md explains each with an example.
 * The time codes (INVALID_*) and FEEL_SYNTAX_ERROR are shared with the modules that own them.
 */
export const DEPLOY_PROBLEM_CODES = [
  'BPMN_DOCTYPE_FORBIDDEN',
  'BPMN_TOO_LARGE',
  'BPMN_TOO_DEEP',
  'BPMN_XML_INVALID',
  'BPMN_DUPLICATE_ID',
  'BPMN_UNRESOLVED_REFERENCE',
  'BPMN_NO_EXECUTABLE_PROCESS',
  'BPMN_NO_START_EVENT',
  'BPMN_UNSUPPORTED_ELEMENT',
  'BPMN_IGNORED_EXTENSION',
  'BPMN_INVALID_SEQUENCE_FLOW',
  'BPMN_INVALID_GATEWAY',
  'BPMN_MISSING_CONDITION',
  'BPMN_INVALID_DEFAULT_FLOW',
  'BPMN_INVALID_EVENT',
  'BPMN_INVALID_BOUNDARY_EVENT',
  'BPMN_INVALID_TIMER',
  'BPMN_INVALID_MESSAGE',
  'BPMN_INVALID_ERROR',
  'BPMN_MISSING_TASK_DEFINITION',
  'BPMN_INVALID_TASK_DEFINITION',
  'BPMN_INVALID_SCRIPT',
  'BPMN_INVALID_MAPPING',
  'FEEL_SYNTAX_ERROR',
  'FEEL_TOO_COMPLEX',
  'INVALID_DURATION',
  'INVALID_DATE',
  'INVALID_CYCLE',
] as const;

/** One of {@link DEPLOY_PROBLEM_CODES}. */
export type DeployProblemCode = (typeof DEPLOY_PROBLEM_CODES)[number];

/**
 * One thing wrong with (error) or worth knowing about (warning) a BPMN file. `message`
 * always names the element id, and the line and column (1-based) when they are known.
 */
export interface DeployProblem {
  readonly code: DeployProblemCode;
  readonly message: string;
  readonly elementId?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A position in the XML text, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}
