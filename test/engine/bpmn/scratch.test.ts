import { readFileSync, readdirSync } from 'node:fs';
import { it } from 'vitest';
import { compileBpmn } from '../../../engine/bpmn/index.js';
it('scratch', async () => {
const dir = '/work/shared/corpus/camunda-connectors/';
for (const f of readdirSync(dir)) {
  const r = await compileBpmn(readFileSync(dir + f, 'utf8'));
  console.log('==', f, r.ok);
  if (!r.ok) for (const p of r.problems) console.log('  E', p.code, p.message);
  for (const p of r.warnings) console.log('  W', p.code, p.message);
  if (r.ok) for (const p of r.processes) console.log('  ', p.bpmnProcessId, p.nodes.size, 'nodes', p.flows.size, 'flows', [...p.scopes.keys()]);
}
});
