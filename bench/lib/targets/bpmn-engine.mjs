// The npm package bpmn-engine as an in-memory reference: no persistence at all.
// One `Engine` per process instance (that is its model: an engine runs one execution).
// The XML is parsed once and handed over as `moddleContext` (a documented option), so
// per instance it pays for execution, not for XML parsing — the fair comparison with
// Weft, which compiles a process at deploy time. Everything else is the package's
// default: its debug logger, its vm-based JavaScript for scripts and script conditions.
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';

export const name = 'bpmn-engine';

/**
 * @param {{ xml: string, services?: object, variables?: (i: number) => object }} spec
 */
export async function setup(spec) {
  const moddleContext = await new BpmnModdle().fromXML(spec.xml);
  if (moddleContext.warnings?.length) throw new Error(`bpmn-moddle warnings: ${moddleContext.warnings.map((w) => w.message).join('; ')}`);
  const variables = spec.variables ?? (() => ({}));

  async function runOne(i) {
    const engine = new Engine({ name: `bench-${i}`, moddleContext, services: spec.services ?? {} });
    const ended = engine.waitFor('end');
    const execution = await engine.execute({ variables: variables(i) });
    await ended;
    return execution;
  }

  return {
    async startOne(i) {
      await runOne(i);
    },
    /** Run one instance and return its variables at the end (checked against the scenario). */
    async probe(i) {
      const execution = await runOne(i);
      // Scripts write to the process's environment; the engine's own stays as started.
      const [process] = execution.definitions[0].getProcesses();
      return { ...process.environment.variables };
    },
    diagnostics() {
      return {};
    },
    async close() {},
  };
}
