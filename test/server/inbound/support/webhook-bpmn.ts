import { readFileSync } from 'node:fs';
import { bpmn, escapeAttr, flow } from '../../../support/bpmn.js';

/** `<zeebe:properties>` of a webhook element (`inbound.type` added). */
export function webhookProperties(properties: Record<string, string>): string {
  const all = { 'inbound.type': 'io.camunda:webhook:1', ...properties };
  const items = Object.entries(all).map(([name, value]) => `<zeebe:property name="${escapeAttr(name)}" value="${escapeAttr(value)}" />`);
  return `<bpmn:extensionElements><zeebe:properties>${items.join('')}</zeebe:properties></bpmn:extensionElements>`;
}

/** A task that waits for a job nobody takes, so the instance stays active. */
const WAIT = `    <bpmn:serviceTask id="wait"><bpmn:extensionElements><zeebe:taskDefinition type="manual-wait" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />`;

/** A process started by a webhook on its none start event: start → wait → end. */
export function webhookStartProcess(processId: string, properties: Record<string, string>): string {
  return bpmn(processId, `    <bpmn:startEvent id="webhookStart">${webhookProperties(properties)}</bpmn:startEvent>
${WAIT}
${flow('f1', 'webhookStart', 'wait')}
${flow('f2', 'wait', 'end')}`);
}

/** A process started plainly that waits at a webhook intermediate catch event. */
export function webhookCatchProcess(processId: string, messageName: string, correlationKey: string, properties: Record<string, string>): string {
  return bpmn(
    processId,
    `    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="webhookCatch">${webhookProperties(properties)}<bpmn:messageEventDefinition messageRef="Msg_${processId}" /></bpmn:intermediateCatchEvent>
${WAIT}
${flow('f1', 'start', 'webhookCatch')}
${flow('f2', 'webhookCatch', 'wait')}
${flow('f3', 'wait', 'end')}`,
    `  <bpmn:message id="Msg_${processId}" name="${escapeAttr(messageName)}"><bpmn:extensionElements><zeebe:subscription correlationKey="${escapeAttr(correlationKey)}" /></bpmn:extensionElements></bpmn:message>`,
  );
}

/** A corpus BPMN file's text. */
export function corpusFile(name: string): string {
  return readCorpus(`camunda-connectors/${name}`);
}

/** One property of an element template. */
export interface TemplateProperty {
  readonly binding: { readonly type: string; readonly name?: string };
  readonly value?: unknown;
  readonly feel?: string;
  readonly choices?: readonly { readonly value: string }[];
}

/** An element template of the corpus, parsed. */
export function elementTemplate(name: string): { readonly properties: readonly TemplateProperty[] } {
  return JSON.parse(readCorpus(`element-templates/${name}`)) as { properties: TemplateProperty[] };
}

function readCorpus(path: string): string {
  return readFileSync(new URL(`../../../fixtures/corpus/${path}`, import.meta.url), 'utf8');
}
