import type { InstanceOutcome } from '../../../engine/index.js';

/** History rows as the summary needs them. */
interface HistoryRow {
  readonly type: string;
  readonly elementId: string | null;
}

/** A readable account of a `weft run`: the state, the path taken, variables and incidents. */
export function describeRun(outcome: InstanceOutcome, history: readonly HistoryRow[]): string {
  const path = history.filter((h) => h.type === 'ELEMENT_COMPLETED' || h.type === 'ELEMENT_TERMINATED' || h.type === 'ELEMENT_ACTIVATED');
  const taken: string[] = [];
  for (const row of path) {
    if (row.type === 'ELEMENT_ACTIVATED' && row.elementId) taken.push(row.elementId);
  }
  const lines = [
    `process ${outcome.bpmnProcessId}, instance ${outcome.processInstanceKey}: ${outcome.state}`,
    `path: ${taken.length > 0 ? taken.join(' → ') : '(nothing ran)'}`,
  ];
  const names = Object.keys(outcome.variables);
  if (names.length > 0) {
    lines.push('variables:');
    for (const name of names) lines.push(`  ${name} = ${JSON.stringify(outcome.variables[name])}`);
  }
  if (outcome.incidents.length > 0) {
    lines.push('incidents:');
    for (const incident of outcome.incidents) lines.push(`  ${incident.elementId} ${incident.type}: ${incident.message}`);
  }
  return `${lines.join('\n')}\n`;
}
