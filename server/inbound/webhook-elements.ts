import type { DeployProblem, ProcessModel } from '../../engine/index.js';
import { WEBHOOK_TYPE } from './webhook-config.js';
import type { WebhookConfig, WebhookKind } from './webhook-config.js';
import { readWebhookConfig } from './read-webhook-config.js';

type FlowNode = ProcessModel['nodes'] extends ReadonlyMap<string, infer N> ? N : never;
type ValueSource = Extract<FlowNode, { type: 'receiveTask' }>['message']['messageName'];

/** One webhook element of a process, with its configuration read and checked. */
export interface WebhookElement {
  readonly elementId: string;
  readonly kind: WebhookKind;
  /** The message a catching element waits for (intermediate, boundary, receive task). */
  readonly messageName?: string;
  readonly config: WebhookConfig;
}

/** Every webhook element of a process, and every problem with them (elementId set). */
export interface ProcessWebhooks {
  readonly elements: readonly WebhookElement[];
  readonly problems: readonly DeployProblem[];
}

/**
 * Find the elements whose `inbound.type` is `io.camunda:webhook:1`: none and message
 * start events, message intermediate catch events, message boundary events and receive
 * tasks. A webhook on anything else is a problem, as is any bad property.
 */
export function processWebhooks(model: ProcessModel): ProcessWebhooks {
  // Models are immutable and cached by the engine: read each one once.
  let found = memo.get(model);
  if (!found) memo.set(model, (found = readProcessWebhooks(model)));
  return found;
}

const memo = new WeakMap<ProcessModel, ProcessWebhooks>();

function readProcessWebhooks(model: ProcessModel): ProcessWebhooks {
  const elements: WebhookElement[] = [];
  const problems: DeployProblem[] = [];
  for (const node of model.nodes.values()) {
    if (node.properties['inbound.type']?.trim() !== WEBHOOK_TYPE) continue;
    const where = `${node.type} '${node.id}'`;
    const target = webhookTarget(node);
    if ('problem' in target) {
      problems.push({ code: target.code, elementId: node.id, message: `${where}: ${target.problem}` });
      continue;
    }
    const read = readWebhookConfig(node.properties);
    if (!read.ok) {
      problems.push(...read.problems.map((p) => ({ ...p, elementId: node.id, message: `${where}: ${p.message}` })));
      continue;
    }
    const catching = target.kind !== 'start' && target.kind !== 'message-start';
    if (catching && !read.config.correlationKeyExpression) {
      problems.push({
        code: 'BPMN_INVALID_MESSAGE',
        elementId: node.id,
        message: `${where}: a webhook that wakes a waiting instance needs correlationKeyExpression (the key taken from the request)`,
      });
      continue;
    }
    elements.push({ elementId: node.id, ...target, config: read.config });
  }
  return { elements, problems };
}

type Target = { kind: WebhookKind; messageName?: string } | { problem: string; code: DeployProblem['code'] };

function webhookTarget(node: FlowNode): Target {
  if (node.type === 'startEvent') {
    if (node.trigger.kind === 'none') return { kind: 'start' };
    if (node.trigger.kind === 'message') return { kind: 'message-start' };
    return unsupported(`a ${node.trigger.kind} start event`);
  }
  if (node.type === 'intermediateCatchEvent' || node.type === 'boundaryEvent') {
    if (node.trigger.kind !== 'message') return unsupported(`a ${node.trigger.kind} ${node.type}`);
    return withMessageName(node.type === 'boundaryEvent' ? 'boundary' : 'intermediate', node.trigger.message.messageName);
  }
  if (node.type === 'receiveTask') return withMessageName('receive-task', node.message.messageName);
  return unsupported(`a ${node.type}`);
}

function withMessageName(kind: WebhookKind, source: ValueSource): Target {
  if (source.kind === 'static') return { kind, messageName: source.value };
  const result = source.expression.evaluate(() => undefined);
  if (result.ok && typeof result.value === 'string' && result.value !== '') return { kind, messageName: result.value };
  return { code: 'BPMN_INVALID_MESSAGE', problem: 'the message name of a webhook element must be a literal (the webhook has no process variables to evaluate it with)' };
}

function unsupported(what: string): Target {
  return {
    code: 'BPMN_UNSUPPORTED_ELEMENT',
    problem: `${what} cannot be a webhook; webhooks go on none or message start events, message catch and boundary events, and receive tasks`,
  };
}
