import type { ScriptTask } from '../../model/process-model.js';
import { raiseIncident } from '../incidents.js';
import { checkVariable } from '../variable-values.js';
import { scopeLookup } from '../variable-scopes.js';
import type { ElementBehavior } from './element-behavior.js';

/** A script task with `zeebe:script`: evaluate the FEEL expression, store it in the result variable, go on. */
export const scriptTask: ElementBehavior = {
  activated(exec, ei, node) {
    const task = node as ScriptTask;
    const result = task.script.evaluate(scopeLookup(exec.draft, ei.key));
    if (!result.ok) {
      const message = `${task.id}: failed to evaluate script '${task.script.source}': ${result.message}`;
      return raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', message, 'behavior');
    }
    // A script can build a value past the size cap that no API call would be allowed to store.
    try {
      checkVariable(task.resultVariable, result.value, exec.options.maxVariableBytes);
    } catch (error) {
      return raiseIncident(exec, ei, 'EXTRACT_VALUE_ERROR', `${task.id}: the script result ${(error as Error).message}`, 'behavior');
    }
    exec.mergeResult(ei, { [task.resultVariable]: result.value });
    exec.complete(ei);
  },
};
