import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { compileBpmn } from '../../../engine/bpmn/index.js';
import type { CompileOptions, DeployProblem } from '../../../engine/bpmn/index.js';
import type { ProcessModel } from '../../../engine/model/process-model.js';

/** Test helpers: small BPMN documents written inline, and compile-and-expect shortcuts. */

const NAMESPACES = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
  'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
  'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
].join(' ');

/** A complete document around `inner` (processes, messages, errors…). */
export function definitions(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${NAMESPACES} id="defs" targetNamespace="http://bpmn.io/schema/bpmn">\n${inner}\n</bpmn:definitions>\n`;
}

/** An executable process `p` with `body` as its content, plus `rootElements` after it. */
export function processXml(body: string, rootElements = ''): string {
  return definitions(`  <bpmn:process id="p" isExecutable="true">\n${body}\n  </bpmn:process>\n${rootElements}`);
}

/** A process `start → x → end`, where `node` is the XML of the element with id `x`. */
export function around(node: string, rootElements = ''): string {
  return processXml(
    `    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x" />
${node}
    <bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="end" />
    <bpmn:endEvent id="end" />`,
    rootElements,
  );
}

/** A fixture file from test/fixtures/bpmn. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/bpmn/${name}`, import.meta.url), 'utf8');
}

/** Compile and expect success; fails the test with the problems listed otherwise. */
export async function compileOk(xml: string, options?: CompileOptions): Promise<readonly ProcessModel[]> {
  const result = await compileBpmn(xml, options);
  if (!result.ok) expect.fail(`expected the BPMN to compile, got:\n${result.problems.map((p) => `${p.code} ${p.message}`).join('\n')}`);
  return result.processes;
}

/** Compile the single process and return it. */
export async function compileOne(xml: string): Promise<ProcessModel> {
  const [process] = await compileOk(xml);
  if (process === undefined) expect.fail('no process compiled');
  return process;
}

/** Compile and expect refusal; returns the problems. */
export async function compileProblems(xml: string, options?: CompileOptions): Promise<readonly DeployProblem[]> {
  const result = await compileBpmn(xml, options);
  if (result.ok) expect.fail('expected the BPMN to be refused, but it compiled');
  return result.problems;
}

/** The 1-based line of the first start tag carrying `id="…"`, found by plain text search. */
export function lineOf(xml: string, id: string): number {
  const offset = xml.indexOf(`id="${id}"`);
  if (offset === -1) throw new Error(`no id ${id} in the XML`);
  return xml.slice(0, offset).split('\n').length;
}

/**
 * Expect exactly one problem with `code` about element `id`, whose message names the id and
 * its line (computed independently from the text).
 */
export function expectProblem(problems: readonly DeployProblem[], code: string, id: string, xml: string): DeployProblem {
  const matching = problems.filter((p) => p.code === code && p.elementId === id);
  expect(matching, `problems: ${JSON.stringify(problems, null, 2)}`).toHaveLength(1);
  const [problem] = matching as [DeployProblem];
  const line = lineOf(xml, id);
  expect(problem.line).toBe(line);
  expect(problem.message).toContain(`'${id}'`);
  expect(problem.message).toContain(`line ${line}`);
  return problem;
}
