// The benchmark scenarios. To add one: write scenarios/<name>.mjs exporting
// { id, name, title, shape, variables?, expected?, probes?, <target name>: spec, … }
// (see README.md) and list it here.
import gatewaysScripts from './gateways-scripts.mjs';
import restConnector from './rest-connector.mjs';
import restSlowUpstream from './rest-connector-slow.mjs';
import serviceTask from './service-task.mjs';
import startEnd from './start-end.mjs';
import webhookStart from './webhook-start.mjs';

export const scenarios = [startEnd, serviceTask, gatewaysScripts, restConnector, webhookStart, restSlowUpstream];

/** A scenario by id ('a') or name ('start-end'). */
export function findScenario(key) {
  const found = scenarios.find((s) => s.id === key || s.name === key);
  if (!found) throw new Error(`unknown scenario '${key}' (known: ${scenarios.map((s) => `${s.id}=${s.name}`).join(', ')})`);
  return found;
}
