import type { JobDefinition, ValueSource } from '../model/process-model.js';
import { durationHeaderMs } from '../connector-bridge/duration-headers.js';
import type { DurationHeader } from '../connector-bridge/duration-headers.js';
import type { CompileContext } from './compile-context.js';
import { stringProp, withArticle, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import { extensionOf, readHeaders } from './zeebe-extensions.js';

/** The job type Zeebe gives user tasks that run as jobs (no `zeebe:userTask` engine task). */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

/**
 * `zeebe:taskDefinition` (type, retries — default "3") and `zeebe:taskHeaders` of a
 * job-backed task. Reports a missing or empty type, which Zeebe refuses too.
 */
export function readJobDefinition(element: ModdleElement, context: CompileContext): JobDefinition | undefined {
  const definition = extensionOf(element, 'zeebe:TaskDefinition');
  const type = definition === undefined ? undefined : stringProp(definition, 'type')?.trim();
  if (definition === undefined || type === undefined || type === '') {
    context.problems.error(
      'BPMN_MISSING_TASK_DEFINITION',
      element,
      `${withArticle(xmlName(element.$type))} needs a zeebe:taskDefinition with a job type (the worker or connector that runs it)`,
    );
    return undefined;
  }
  const typeSource = context.valueSource(element, 'zeebe:taskDefinition type', type);
  const retries = readRetries(element, stringProp(definition, 'retries'), context);
  const headers = readHeaders(element);
  checkConnectorHeaders(element, headers, context);
  if (typeSource === undefined || retries === undefined) return undefined;
  return { type: typeSource, retries, headers };
}

/** Headers the connector runtime evaluates as FEEL: checked (and compiled once) at deploy time. */
const FEEL_HEADERS = ['resultExpression', 'errorExpression'] as const;

/**
 * Headers the connector runtime reads as ISO 8601 durations, and what a bad value does.
 * Zeebe deploys any header text, so a bad one is a warning here, not an error.
 */
const DURATION_HEADERS: readonly { name: DurationHeader; wanted: string; effect: string }[] = [
  { name: 'retryBackoff', wanted: 'an ISO 8601 duration such as PT30S', effect: 'a connector job fails with an incident when it runs, and other jobs are retried without waiting' },
  { name: 'jobTimeout', wanted: 'an ISO 8601 duration longer than zero, such as PT10M', effect: 'a connector job fails with an incident when it runs' },
];

function checkConnectorHeaders(element: ModdleElement, headers: Readonly<Record<string, string>>, context: CompileContext): void {
  for (const name of FEEL_HEADERS) {
    const value = headers[name]?.trim();
    if (value === undefined || value === '' || value === '=') continue;
    context.expression(element, `task header ${name}`, value.startsWith('=') ? value : `=${value}`);
  }
  for (const { name, wanted, effect } of DURATION_HEADERS) {
    const value = headers[name]?.trim();
    if (value === undefined || value === '' || durationHeaderMs(name, value) !== undefined) continue;
    context.problems.warning('INVALID_DURATION', element, `task header ${name} '${value}' is not ${wanted}; ${effect}`);
  }
}

function readRetries(element: ModdleElement, raw: string | undefined, context: CompileContext): ValueSource | undefined {
  const text = raw === undefined || raw.trim() === '' ? '3' : raw.trim();
  const retries = context.valueSource(element, 'zeebe:taskDefinition retries', text);
  if (retries?.kind === 'static' && !/^\d+$/.test(retries.value)) {
    context.problems.error('BPMN_INVALID_TASK_DEFINITION', element, `zeebe:taskDefinition retries '${text}' is not a whole number`);
    return undefined;
  }
  return retries;
}

// Zeebe hands a job-based user task's assignment and form to the worker as these headers.
const USER_TASK_HEADERS: readonly (readonly [extension: string, attribute: string, header: string])[] = [
  ['zeebe:AssignmentDefinition', 'assignee', 'io.camunda.zeebe:assignee'],
  ['zeebe:AssignmentDefinition', 'candidateGroups', 'io.camunda.zeebe:candidateGroups'],
  ['zeebe:AssignmentDefinition', 'candidateUsers', 'io.camunda.zeebe:candidateUsers'],
  ['zeebe:FormDefinition', 'formKey', 'io.camunda.zeebe:formKey'],
  ['zeebe:TaskSchedule', 'dueDate', 'io.camunda.zeebe:dueDate'],
  ['zeebe:TaskSchedule', 'followUpDate', 'io.camunda.zeebe:followUpDate'],
];

/** The extension elements a user task reads. */
export const USER_TASK_EXTENSIONS = ['zeebe:UserTask', 'zeebe:AssignmentDefinition', 'zeebe:FormDefinition', 'zeebe:TaskSchedule', 'zeebe:TaskHeaders'];

/**
 * A user task as Zeebe's job-based user task: a job of type `io.camunda.zeebe:userTask`,
 * one attempt, with static assignment, form and schedule as headers. What it cannot carry
 * yet (expression values, Camunda's own user task engine) is reported as a warning.
 */
export function userTaskJob(element: ModdleElement, context: CompileContext): JobDefinition {
  const headers: [string, string][] = Object.entries(readHeaders(element));
  for (const [extensionType, attribute, header] of USER_TASK_HEADERS) {
    const extension = extensionOf(element, extensionType);
    const value = extension === undefined ? undefined : stringProp(extension, attribute)?.trim();
    if (value === undefined || value === '') continue;
    if (value.startsWith('=')) {
      context.problems.warning('BPMN_IGNORED_EXTENSION', element, `the expression ${attribute} '${value}' is not evaluated for job-based user tasks yet and is left out`);
      continue;
    }
    headers.push([header, value]);
  }
  if (extensionOf(element, 'zeebe:UserTask') !== undefined) {
    context.problems.warning('BPMN_IGNORED_EXTENSION', element, 'zeebe:userTask (a Camunda user task) runs as a job-based user task');
  }
  return {
    type: { kind: 'static', value: USER_TASK_JOB_TYPE },
    retries: { kind: 'static', value: '1' },
    headers: Object.fromEntries(headers),
  };
}
