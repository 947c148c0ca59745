import type { FlowNode } from '../../model/process-model.js';
import type { ElementBehavior } from './element-behavior.js';
import { passThrough } from './element-behavior.js';
import { endEvent, intermediateCatchEvent, receiveTask } from './events.js';
import { exclusiveGateway, inclusiveGateway } from './gateways.js';
import { jobTask } from './job-task.js';
import { scriptTask } from './script-task.js';
import { subProcess } from './sub-process.js';

export type { ElementBehavior } from './element-behavior.js';

/** The behaviour of a flow node, by its type (and for tasks, how it is carried out). */
export function behaviorOf(node: FlowNode): ElementBehavior {
  switch (node.type) {
    case 'startEvent':
    case 'intermediateThrowEvent':
    case 'boundaryEvent':
    case 'parallelGateway':
      return passThrough;
    case 'endEvent':
      return endEvent;
    case 'intermediateCatchEvent':
      return intermediateCatchEvent;
    case 'exclusiveGateway':
      return exclusiveGateway;
    case 'inclusiveGateway':
      return inclusiveGateway;
    case 'subProcess':
      return subProcess;
    default:
      if (node.behavior === 'job') return jobTask;
      if (node.behavior === 'script') return scriptTask;
      if (node.behavior === 'message') return receiveTask;
      return passThrough;
  }
}
