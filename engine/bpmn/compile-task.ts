import type { Task } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import { isExpression } from './compile-context.js';
import { USER_TASK_EXTENSIONS, readJobDefinition, userTaskJob } from './job-definition.js';
import { readMessage } from './message-definition.js';
import { stringProp } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import type { NodeDraft } from './node-draft.js';
import { checkExtensions, extensionOf } from './zeebe-extensions.js';

const JOB_EXTENSIONS = ['zeebe:TaskDefinition', 'zeebe:TaskHeaders'];

/** Compile a task of any supported kind; undefined when it has errors. */
export function compileTask(element: ModdleElement, draft: NodeDraft, context: CompileContext): Task | undefined {
  const { base } = draft;
  switch (element.$type) {
    case 'bpmn:Task':
    case 'bpmn:ManualTask':
      checkExtensions(element, [], context);
      return { ...base, type: element.$type === 'bpmn:Task' ? 'task' : 'manualTask', behavior: 'passThrough' };
    case 'bpmn:UserTask':
      checkExtensions(element, USER_TASK_EXTENSIONS, context);
      return { ...base, type: 'userTask', behavior: 'job', job: userTaskJob(element, context) };
    case 'bpmn:ReceiveTask': {
      checkExtensions(element, [], context);
      const message = readMessage(element, element, false, context);
      return message && { ...base, type: 'receiveTask', behavior: 'message', message };
    }
    case 'bpmn:ScriptTask':
      if (extensionOf(element, 'zeebe:Script') !== undefined) return compileScriptTask(element, draft, context);
      break;
    default:
      break;
  }
  checkExtensions(element, JOB_EXTENSIONS, context);
  const job = readJobDefinition(element, context);
  const type = jobTaskType(element.$type);
  return job && { ...base, type, behavior: 'job', job };
}

/** A script task with `zeebe:script`: a FEEL expression whose value lands in `resultVariable`. */
function compileScriptTask(element: ModdleElement, draft: NodeDraft, context: CompileContext): Task | undefined {
  const { problems } = context;
  checkExtensions(element, ['zeebe:Script'], context);
  if (extensionOf(element, 'zeebe:TaskDefinition') !== undefined) {
    problems.error('BPMN_INVALID_SCRIPT', element, 'a script task has either zeebe:script or zeebe:taskDefinition, not both');
    return undefined;
  }
  const script = extensionOf(element, 'zeebe:Script');
  const expression = script === undefined ? '' : (stringProp(script, 'expression')?.trim() ?? '');
  const resultVariable = script === undefined ? '' : (stringProp(script, 'resultVariable')?.trim() ?? '');
  if (!isExpression(expression)) {
    problems.error('BPMN_INVALID_SCRIPT', element, `zeebe:script needs a FEEL expression starting with '=', got '${expression}'`);
    return undefined;
  }
  if (resultVariable === '') {
    problems.error('BPMN_INVALID_SCRIPT', element, 'zeebe:script needs a resultVariable to store the value in');
    return undefined;
  }
  const compiled = context.expression(element, 'zeebe:script expression', expression);
  return compiled && { ...draft.base, type: 'scriptTask', behavior: 'script', script: compiled, resultVariable };
}

function jobTaskType(type: string): 'serviceTask' | 'sendTask' | 'businessRuleTask' | 'scriptTask' {
  switch (type) {
    case 'bpmn:SendTask':
      return 'sendTask';
    case 'bpmn:BusinessRuleTask':
      return 'businessRuleTask';
    case 'bpmn:ScriptTask':
      return 'scriptTask';
    default:
      return 'serviceTask';
  }
}
