import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const weft = new URL('../../bin/weft', import.meta.url).pathname;
const examples = new URL('../../examples/', import.meta.url).pathname;

/** Run an example with its variables file through the real CLI; returns exit code and the JSON outcome. */
async function weftRun(name: string, extra: string[] = []) {
  const args = ['run', `${examples}${name}.bpmn`, '--variables', `@${examples}${name}.variables.json`, '--json', ...extra];
  try {
    const { stdout } = await run(weft, args);
    return { code: 0, outcome: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, outcome: failed.stdout ? JSON.parse(failed.stdout) : undefined, stderr: failed.stderr };
  }
}

describe('examples/ run with weft run', () => {
  it('order-approval: prices the order and approves it automatically', async () => {
    const { code, outcome } = await weftRun('order-approval');
    expect(code).toBe(0);
    expect(outcome.state).toBe('COMPLETED');
    expect(outcome.variables.order.total).toBe(60);
    expect(outcome.variables.decision).toBe('approved');
    expect(outcome.variables).not.toHaveProperty('items'); // the input mapping was local to the task
  });

  it('parallel-fulfilment: forks, joins, and takes both inclusive branches', async () => {
    const { code, outcome } = await weftRun('parallel-fulfilment');
    expect(code).toBe(0);
    expect(outcome.variables).toMatchObject({ parcels: 2, invoiceNumber: 'INV-A1', wrapped: true, insuranceFee: 18, status: 'shipped 2 parcel(s) with INV-A1' });
  });

  it('payment-timeout: the interrupting timer boundary event wins when no worker answers', async () => {
    const { code, outcome } = await weftRun('payment-timeout');
    expect(code).toBe(0);
    expect(outcome.variables.status).toBe('on hold: no payment answer');
    expect(outcome.variables).not.toHaveProperty('charge');
  });

  it('subprocess-error: the error end event is caught by code on the subprocess', async () => {
    const { code, outcome } = await weftRun('subprocess-error');
    expect(code).toBe(0);
    expect(outcome.variables).toMatchObject({ available: 3, reorderQuantity: 10 });
    expect(outcome.variables).not.toHaveProperty('matches');
    expect(outcome.variables).not.toHaveProperty('stockAvailable');
  });

  it('reminders: a non-interrupting cycle timer fires twice during the wait', async () => {
    const { code, outcome } = await weftRun('reminders');
    expect(code).toBe(0);
    expect(outcome.variables.reminders).toBe(2);
  });

  it('review-race: the terminate end event ends the waiting user task', async () => {
    const { code, outcome } = await weftRun('review-race');
    expect(code).toBe(0);
    expect(outcome.variables.outcome).toBe('closed without review');
  });

  it('approval-waits: stops ACTIVE with exit code 1 when only a person can go on', async () => {
    const { code, outcome } = await weftRun('approval-waits');
    expect(code).toBe(1);
    expect(outcome).toEqual({ processInstanceKey: outcome.processInstanceKey, bpmnProcessId: 'approval-waits', state: 'ACTIVE', variables: { caseId: 'C-7' }, incidents: [] });
  });
});

describe('weft run contract', () => {
  it('exits 2 naming the line for a malformed file, without a stack trace', async () => {
    const { code, stderr } = await weftRun('does-not-exist');
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read BPMN file/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for bad arguments', async () => {
    const result = await run(weft, ['run', `${examples}order-approval.bpmn`, '--timeout', 'soon']).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--timeout must be a positive number/);
  });

  it('prints a readable summary with the path taken without --json', async () => {
    const { stdout } = await run(weft, ['run', `${examples}order-approval.bpmn`, '--variables', `@${examples}order-approval.variables.json`]);
    expect(stdout).toMatch(/order-approval, instance \d+: COMPLETED/);
    expect(stdout).toMatch(/path: OrderReceived → PriceOrder → HowLarge → ApproveAutomatically → Merge → OrderDecided/);
  });
});
