import type { ElementInstanceRecord } from '../../../models/index.js';
import type { EndEvent, IntermediateCatchEvent, ReceiveTask } from '../../model/process-model.js';
import { catchError, findErrorCatch, uncaughtMessage } from '../error-throw.js';
import type { Execution } from '../execution.js';
import { raiseIncident } from '../incidents.js';
import { evaluateSource } from '../mappings.js';
import { subscribe } from '../message-subscriptions.js';
import { terminateChildren } from '../termination.js';
import { createTimer, scheduleFor } from '../timer-text.js';
import { scopeLookup } from '../variable-scopes.js';
import type { ElementBehavior } from './element-behavior.js';

/** End events: none completes; terminate ends its whole scope; error throws. */
export const endEvent: ElementBehavior = {
  activated(exec, ei, node) {
    const { trigger } = node as EndEvent;
    if (trigger.kind === 'terminate') {
      terminateChildren(exec, ei.flowScopeKey, ei.key);
      exec.draft.record('SCOPE_TERMINATED_BY_END_EVENT', ei.key, ei.elementId);
    } else if (trigger.kind === 'error') {
      return throwFromEndEvent(exec, ei, node as EndEvent);
    }
    exec.complete(ei);
  },
};

function throwFromEndEvent(exec: Execution, ei: ElementInstanceRecord, node: EndEvent): void {
  if (node.trigger.kind !== 'error') return;
  let code = '';
  if (node.trigger.errorCode) {
    const value = evaluateSource(node.trigger.errorCode, scopeLookup(exec.draft, ei.key));
    if (!value.ok) return raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', `${node.id}: error code ${value.message}`, 'behavior');
    code = String(value.value);
  }
  const message = node.trigger.errorName ?? '';
  exec.draft.record('ERROR_THROWN', ei.key, node.id, { errorCode: code });
  const caught = findErrorCatch(exec, ei, code);
  if (!caught) return raiseIncident(exec, ei, 'UNHANDLED_ERROR_EVENT', `${node.id}: ${uncaughtMessage(code, message)}`, 'behavior');
  catchError(exec, caught, code, message, {});
}

/** Intermediate catch events: a timer to wait for, or a message subscription. */
export const intermediateCatchEvent: ElementBehavior = {
  activated(exec, ei, node) {
    const { trigger } = node as IntermediateCatchEvent;
    if (trigger.kind === 'timer') {
      const schedule = scheduleFor(exec, trigger.timer, ei.key, node.id);
      if (typeof schedule === 'string') return raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', schedule, 'behavior');
      createTimer(exec, 'catch', ei, node.id, schedule);
    } else if (trigger.kind === 'message') {
      const failure = subscribe(exec, ei, node, trigger.message, true);
      if (failure !== undefined) raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', failure, 'behavior');
    } else {
      exec.complete(ei);
    }
  },
};

/** Receive task: waits for its message. */
export const receiveTask: ElementBehavior = {
  activated(exec, ei, node) {
    const failure = subscribe(exec, ei, node, (node as ReceiveTask).message, true);
    if (failure !== undefined) raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', failure, 'behavior');
  },
};
