import type { ProcessModel } from '../model/process-model.js';
import { CompileContext } from './compile-context.js';
import { compileLimits } from './compile-options.js';
import type { CompileOptions } from './compile-options.js';
import { compileProcess } from './compile-process.js';
import type { DeployProblem } from './deploy-problem.js';
import { elementList } from './moddle-element.js';
import { ProblemCollector } from './problem-collector.js';
import { readDefinitions } from './read-definitions.js';
import { SourcePositions } from './source-positions.js';
import { guardXml } from './xml-guard.js';

/**
 * The outcome of compiling a BPMN file: every executable process, or every problem found —
 * never just the first. Warnings (e.g. broken diagram references) come with either.
 */
export type CompileResult =
  | { readonly ok: true; readonly processes: readonly ProcessModel[]; readonly warnings: readonly DeployProblem[] }
  | { readonly ok: false; readonly problems: readonly DeployProblem[]; readonly warnings: readonly DeployProblem[] };

/**
 * Compile BPMN 2.0 XML (as Camunda Modeler writes it, with Zeebe extensions) into the
 * executable models of its executable processes. Hostile input (DOCTYPE, entities, size,
 * nesting) is refused before parsing. Never throws for bad input: problems are returned.
 */
export async function compileBpmn(xml: string, options?: CompileOptions): Promise<CompileResult> {
  const positions = new SourcePositions(xml);
  const problems = new ProblemCollector(positions);
  const failed = (): CompileResult => ({ ok: false, problems: inTextOrder(problems.errors), warnings: inTextOrder(problems.warnings) });

  if (!guardXml(xml, compileLimits(options), positions, problems)) return failed();
  const read = await readDefinitions(xml, problems);
  if (read === undefined) return failed();

  const context = new CompileContext(problems, read.unresolved);
  const allProcesses = elementList(read.definitions, 'rootElements').filter((element) => element.$type === 'bpmn:Process');
  const executable = allProcesses.filter((process) => process['isExecutable'] === true);
  if (executable.length === 0) {
    const others = allProcesses.map((process) => `'${process.id ?? ''}'`).join(', ');
    const text = others === ''
      ? 'the file has no process; it needs one with isExecutable="true"'
      : `no process is executable (isExecutable="true"); found ${others}`;
    problems.error('BPMN_NO_EXECUTABLE_PROCESS', allProcesses[0] ?? read.definitions, text);
    return failed();
  }

  const processes: ProcessModel[] = [];
  for (const process of executable) {
    if (process.id === undefined || process.id === '') {
      problems.error('BPMN_XML_INVALID', read.definitions, 'an executable process has no id');
      continue;
    }
    processes.push(compileProcess(process, process.id, context));
  }
  return problems.hasErrors ? failed() : { ok: true, processes, warnings: inTextOrder(problems.warnings) };
}

/** Problems in the order their places appear in the file (those without a place first). */
function inTextOrder(problems: readonly DeployProblem[]): DeployProblem[] {
  const key = (problem: DeployProblem): number => (problem.line ?? 0) * 1e7 + (problem.column ?? 0);
  return [...problems].sort((a, b) => key(a) - key(b));
}
