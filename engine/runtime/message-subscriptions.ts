import type { ElementInstanceRecord } from '../../models/index.js';
import type { FlowNode, MessageDefinition } from '../model/process-model.js';
import type { Execution } from './execution.js';
import { evaluateSource } from './mappings.js';
import { scopeLookup } from './variable-scopes.js';

/**
 * Open a message subscription for a catching element (intermediate catch event,
 * receive task or boundary event): the message name and correlation key are evaluated
 * now, as Zeebe does. Returns a failure message instead when evaluation fails.
 */
export function subscribe(
  exec: Execution,
  ei: ElementInstanceRecord,
  catcher: FlowNode,
  message: MessageDefinition,
  interrupting: boolean,
): string | undefined {
  const lookup = scopeLookup(exec.draft, ei.key);
  const name = evaluateSource(message.messageName, lookup);
  if (!name.ok) return `${catcher.id}: message name ${name.message}`;
  if (typeof name.value !== 'string' || name.value === '') {
    return `${catcher.id}: expected the message name to be a non-empty string, got ${JSON.stringify(name.value)}`;
  }
  let correlationKey = '';
  if (message.correlationKey) {
    const key = evaluateSource(message.correlationKey, lookup);
    if (!key.ok) return `${catcher.id}: correlation key ${key.message}`;
    if (typeof key.value !== 'string' && typeof key.value !== 'number') {
      return `${catcher.id}: expected the correlation key to be a string or number, got ${JSON.stringify(key.value)}`;
    }
    correlationKey = String(key.value);
  }
  const { instance } = exec.draft;
  const key = exec.draft.keys.next();
  exec.draft.putSubscription({
    key,
    instanceKey: instance.key,
    elementInstanceKey: ei.key,
    elementId: catcher.id,
    workspaceId: instance.workspaceId,
    messageName: name.value,
    correlationKey,
    interrupting,
  });
  exec.draft.record('MESSAGE_SUBSCRIPTION_CREATED', ei.key, catcher.id, { messageName: name.value, correlationKey });
  return undefined;
}
