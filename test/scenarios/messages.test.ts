import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, escapeAttr, serviceTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { jobsOf, rootVariables, stateOf } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

function message(id: string, name: string): string {
  return `  <bpmn:message id="${id}" name="${escapeAttr(name)}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`;
}

describe('message correlation', () => {
  it('completes an intermediate message catch event and merges the message variables', async () => {
    h = await createHarness();
    await h.deploy(bpmn('waitPay', `
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="Msg_paid" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
${chain('start', 'paid', 'end')}`, message('Msg_paid', 'payment-received')));
    const a = await h.start('waitPay', { orderId: 'A-1' });
    const b = await h.start('waitPay', { orderId: 'B-2' });

    const none = await h.engine.correlateMessage({ name: 'payment-received', correlationKey: 'C-3', workspaceId: 'default' });
    expect(none).toBeUndefined();
    const otherWorkspace = await h.engine.correlateMessage({ name: 'payment-received', correlationKey: 'A-1', workspaceId: 'elsewhere' });
    expect(otherWorkspace).toBeUndefined();

    const hit = await h.engine.correlateMessage({ name: 'payment-received', correlationKey: 'B-2', workspaceId: 'default', variables: { amount: 9 } });
    expect(hit).toEqual({ processInstanceKey: b, elementId: 'paid' });
    expect(await stateOf(h, b)).toBe('completed');
    expect(await rootVariables(h, b)).toEqual({ orderId: 'B-2', amount: 9 });
    expect(await stateOf(h, a)).toBe('active');
    // A second message for the same key finds no subscription any more.
    expect(await h.engine.correlateMessage({ name: 'payment-received', correlationKey: 'B-2', workspaceId: 'default' })).toBeUndefined();
  });

  it('an interrupting message boundary event cancels the task; a non-interrupting one leaves it running', async () => {
    h = await createHarness();
    await h.deploy(bpmn('boundaries', `
    <bpmn:startEvent id="start" />
${serviceTask('work', 'slow')}
    <bpmn:boundaryEvent id="cancelled" attachedToRef="work"><bpmn:messageEventDefinition messageRef="Msg_cancel" /></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="nudged" attachedToRef="work" cancelActivity="false"><bpmn:messageEventDefinition messageRef="Msg_nudge" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="endCancelled" />
    <bpmn:endEvent id="endNudged" />
${chain('start', 'work', 'end')}
    <bpmn:sequenceFlow id="toCancelled" sourceRef="cancelled" targetRef="endCancelled" />
    <bpmn:sequenceFlow id="toNudged" sourceRef="nudged" targetRef="endNudged" />`, `${message('Msg_cancel', 'cancel-order')}\n${message('Msg_nudge', 'nudge')}`));
    const key = await h.start('boundaries', { orderId: 'X' });
    expect(await jobsOf(h, key)).toHaveLength(1);

    expect(await h.engine.correlateMessage({ name: 'nudge', correlationKey: 'X', workspaceId: 'default', variables: { nudged: true } })).toMatchObject({ elementId: 'nudged' });
    expect(await jobsOf(h, key)).toHaveLength(1);
    expect(await rootVariables(h, key)).toMatchObject({ nudged: true });

    expect(await h.engine.correlateMessage({ name: 'cancel-order', correlationKey: 'X', workspaceId: 'default' })).toMatchObject({ elementId: 'cancelled' });
    expect(await jobsOf(h, key)).toHaveLength(0);
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('a receive task waits for its message', async () => {
    h = await createHarness();
    await h.deploy(bpmn('receiver', `
    <bpmn:startEvent id="start" />
    <bpmn:receiveTask id="receive" messageRef="Msg_doc" />
    <bpmn:endEvent id="end" />
${chain('start', 'receive', 'end')}`, message('Msg_doc', 'document')));
    const key = await h.start('receiver', { orderId: 42 });
    expect(await h.engine.correlateMessage({ name: 'document', correlationKey: '42', workspaceId: 'default', variables: { doc: 'x' } })).toMatchObject({
      elementId: 'receive',
    });
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('starts an instance at a message start event', async () => {
    h = await createHarness();
    await h.deploy(bpmn('byMessage', `
    <bpmn:startEvent id="orderPlaced"><bpmn:messageEventDefinition messageRef="Msg_placed" /></bpmn:startEvent>
    <bpmn:endEvent id="end" />
${chain('orderPlaced', 'end')}`, '  <bpmn:message id="Msg_placed" name="order-placed" />'));
    const created = await h.engine.createInstance({ bpmnProcessId: 'byMessage', startEventId: 'orderPlaced', variables: { total: 3 }, orgId: 'default', workspaceId: 'default' });
    expect(await stateOf(h, created.processInstanceKey)).toBe('completed');
  });
});
