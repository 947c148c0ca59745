import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../../../engine/bpmn/index.js';
import type { CompileResult } from '../../../engine/bpmn/index.js';
import type { FlowNode, JobTask } from '../../../engine/model/process-model.js';
import { compileOne, fixture } from './bpmn-xml.js';

// Files from camunda/connectors (see corpus/README.md): real Modeler output and Camunda's own
// test models. Each one either compiles or is refused naming every element in the way.
const CORPUS = new URL('../../fixtures/corpus/camunda-connectors/', import.meta.url).pathname;

type Expectation =
  | { readonly compiles: readonly string[]; readonly warnings?: readonly string[] }
  | { readonly refused: readonly (readonly [code: string, elementId: string])[]; readonly warnings?: readonly string[] };

const EXPECTED: Readonly<Record<string, Expectation>> = {
  // Diagram plane points at a process id that no longer exists: a warning, as in Zeebe.
  'QA-Review-Process.bpmn': { compiles: ['__PROCESS_ID__'], warnings: ['BPMNPlane_1'] },
  'multi-webhook-start-message.bpmn': { compiles: ['multi-webhook-start-message'] },
  // Camunda's secret-extraction test models: service-like tasks without zeebe:taskDefinition,
  // which Zeebe refuses to deploy as well.
  'outbound-multiple-tasks-with-secrets.bpmn': {
    refused: [['BPMN_MISSING_TASK_DEFINITION', 'task-alpha'], ['BPMN_MISSING_TASK_DEFINITION', 'task-beta']],
  },
  'outbound-no-secrets.bpmn': { refused: [['BPMN_MISSING_TASK_DEFINITION', 'no-secrets-task']] },
  'outbound-task-types.bpmn': {
    refused: [
      ['BPMN_MISSING_TASK_DEFINITION', 'send-task'],
      ['BPMN_MISSING_TASK_DEFINITION', 'script-task'],
      ['BPMN_MISSING_TASK_DEFINITION', 'business-rule-task'],
    ],
  },
  'outbound-with-secrets.bpmn': { refused: [['BPMN_MISSING_TASK_DEFINITION', 'service-task-1']] },
  'polling_connector.bpmn': { compiles: ['Process_1maitvl'] },
  'receive-message-process.bpmn': { compiles: ['ReceiveMessageTest'] },
  // Collaboration with a non-executable second pool, data stores, groups, annotations.
  'servicenow-integration-blueprint.bpmn': { compiles: ['Process_avmebnb'] },
  'single-webhook-boundary.bpmn': { compiles: ['BoundaryEventTest'] },
  'single-webhook-subprocess.bpmn': {
    refused: [
      ['BPMN_UNSUPPORTED_ELEMENT', 'Event_15nnjqo'],
      ['BPMN_UNSUPPORTED_ELEMENT', 'Event_18ffnpr'],
      ['BPMN_UNSUPPORTED_ELEMENT', 'Gateway_1w4dq6i'],
    ],
    warnings: ['BPMNPlane_1', 'Event_1ktq6l5_di'],
  },
  'webhook_connector.bpmn': { compiles: ['Process_1bvv4g5'] },
};

async function compileCorpus(name: string): Promise<CompileResult> {
  return compileBpmn(readFileSync(`${CORPUS}${name}`, 'utf8'));
}

describe('the camunda-connectors corpus', () => {
  it('has an explicit expectation for every file', () => {
    expect(readdirSync(CORPUS).filter((f) => f.endsWith('.bpmn')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const result = await compileCorpus(name);
    if ('compiles' in expected) {
      if (!result.ok) expect.fail(result.problems.map((p) => p.message).join('\n'));
      expect(result.processes.map((p) => p.bpmnProcessId)).toEqual(expected.compiles);
    } else {
      if (result.ok) expect.fail('expected a refusal');
      const problems = result.problems.map((p) => [p.code, p.elementId] as const);
      expect([...problems].sort()).toEqual([...expected.refused].sort());
      for (const problem of result.problems) {
        expect(problem.message).toContain(`'${problem.elementId ?? ''}'`);
        expect(problem.line).toBeGreaterThan(0);
      }
    }
    expect(result.warnings.map((w) => [w.code, w.elementId])).toEqual((expected.warnings ?? []).map((id) => ['BPMN_UNRESOLVED_REFERENCE', id]));
  });

  it('names the unsupported elements of single-webhook-subprocess.bpmn by type', async () => {
    const result = await compileCorpus('single-webhook-subprocess.bpmn');
    if (result.ok) expect.fail('expected a refusal');
    const text = result.problems.map((p) => p.message).join('\n');
    expect(text).toContain("eventBasedGateway 'Gateway_1w4dq6i'");
    expect(text).toContain("escalation intermediateThrowEvent (escalationEventDefinition)");
    expect(text).toContain("escalation boundaryEvent (escalationEventDefinition)");
  });

  it('compiles the webhook intermediate catch, message start events and the error boundary as drawn', async () => {
    const webhook = await compileCorpus('webhook_connector.bpmn');
    if (!webhook.ok) expect.fail('expected success');
    const catchEvent = webhook.processes[0]?.nodes.get('Event_1bxxv4b');
    expect(catchEvent).toMatchObject({
      type: 'intermediateCatchEvent',
      trigger: { kind: 'message', message: { messageName: { kind: 'static', value: 'cb9ad212-41ec-4f66-9d0a-180952c7cbcf' }, correlationKey: { kind: 'expression', expression: { source: '"123"' } } } },
    });
    expect(catchEvent?.properties['inbound.context']).toBe('test-webhook');
    expect(catchEvent?.properties['inbound.auth.apiKeyLocator']).toBe('=split(request.headers.authorization, " ")[2]');

    const starts = await compileCorpus('multi-webhook-start-message.bpmn');
    if (!starts.ok) expect.fail('expected success');
    expect(starts.processes[0]?.startEvents.map((s) => [s.id, s.trigger.kind, s.properties['inbound.context']])).toEqual([
      ['wh-start-msg-1', 'message', 'wh0'],
      ['wh-start-msg-2', 'message', 'wh1'],
    ]);

    const servicenow = await compileCorpus('servicenow-integration-blueprint.bpmn');
    if (!servicenow.ok) expect.fail('expected success');
    const boundary = servicenow.processes[0]?.nodes.get('Event_08qg8tb');
    expect(boundary).toMatchObject({ type: 'boundaryEvent', attachedToId: 'Activity_040wyiu', interrupting: true, trigger: { kind: 'error' } });
    expect(boundary?.outputs.map((o) => o.target)).toEqual(['sn_ErrorMessage', 'sn_ErrorCode']);
  });
});

describe('Camunda Modeler REST connector tasks', () => {
  function jobTask(node: FlowNode | undefined): JobTask {
    if (node === undefined || !('behavior' in node) || node.behavior !== 'job') throw new Error('not a job task');
    return node;
  }

  it('compile with every input and header (fixture rest-connector-task.bpmn)', async () => {
    const process = await compileOne(fixture('rest-connector-task.bpmn'));
    const task = jobTask(process.nodes.get('call_api'));
    expect(task.job.type).toEqual({ kind: 'static', value: 'io.camunda:http-json:1' });
    expect(task.job.retries).toEqual({ kind: 'static', value: '3' });
    expect(task.inputs.map((i) => [i.target, i.source.kind === 'static' ? i.source.value : `=${i.source.expression.source}`])).toEqual([
      ['authentication.type', 'bearer'],
      ['authentication.token', '{{secrets.WEATHER_TOKEN}}'],
      ['method', 'GET'],
      ['url', '="https://api.example.com/weather/" + city'],
      ['headers', '={"Accept": "application/json"}'],
      ['queryParameters', '={units: "metric", lang: language}'],
      ['followRedirects', '=false'],
      ['connectionTimeoutInSeconds', '20'],
      ['readTimeoutInSeconds', '20'],
      ['ignoreNullValues', '=false'],
    ]);
    expect(task.job.headers).toEqual({
      elementTemplateVersion: '17',
      elementTemplateId: 'io.camunda.connectors.HttpJson.v2',
      resultVariable: 'weather',
      resultExpression: '={temperature: response.body.main.temp}',
      errorExpression: '=if error.code = "404" then bpmnError("CITY_UNKNOWN", error.message) else null',
      retryBackoff: 'PT30S',
    });
    expect(task.boundaryIds).toEqual(['city_unknown']);
    expect(process.nodes.get('city_unknown')).toMatchObject({ trigger: { kind: 'error', errorCode: { kind: 'static', value: 'CITY_UNKNOWN' } } });
  });

  it('compile as the corpus writes them (webhook_connector.bpmn, servicenow-integration-blueprint.bpmn)', async () => {
    const webhook = await compileCorpus('webhook_connector.bpmn');
    if (!webhook.ok) expect.fail('expected success');
    const call = jobTask(webhook.processes[0]?.nodes.get('Activity_1npz1ye'));
    expect(call.inputs.map((i) => i.target)).toEqual(['authentication.type', 'authentication.token', 'method', 'url', 'connectionTimeoutInSeconds', 'body']);
    // Modeler writes empty headers for unset template fields; like Zeebe, they are left out.
    expect(call.job.headers).toEqual({ retryBackoff: 'PT0S' });

    const servicenow = await compileCorpus('servicenow-integration-blueprint.bpmn');
    if (!servicenow.ok) expect.fail('expected success');
    const tasks = [...(servicenow.processes[0]?.nodes.values() ?? [])].filter((n) => n.type === 'serviceTask').map(jobTask);
    expect(tasks).toHaveLength(7);
    for (const task of tasks) {
      expect(task.job.type).toEqual({ kind: 'static', value: 'io.camunda:http-json:1' });
      expect(task.inputs.length).toBeGreaterThanOrEqual(7);
    }
    const simulate = jobTask(servicenow.processes[0]?.nodes.get('Activity_040wyiu'));
    expect(Object.keys(simulate.job.headers)).toEqual(['elementTemplateVersion', 'elementTemplateId', 'errorExpression', 'retryBackoff']);
    expect(simulate.job.headers['errorExpression']).toContain('bpmnError("407"');
  });
});
