import type { ChangeSet } from '../engine-store.js';
import type { HistoryRecord } from '../records.js';
import * as rows from './row-mappers.js';
import type { Statements } from './statements.js';

/**
 * The write statements a change set runs, in the order they run. An op is an index into
 * this list followed by the statement's parameters.
 */
const writeStatements = [
  'putDeployment',
  'putDefinition',
  'putInstance',
  'delElement',
  'putElement',
  'delVariable',
  'putVariable',
  'delJob',
  'putJob',
  'delTimer',
  'putTimer',
  'putIncident',
  'delSubscription',
  'putSubscription',
  'putHistory',
] as const satisfies readonly (keyof Statements)[];

type WriteStatement = (typeof writeStatements)[number];
const op = Object.fromEntries(writeStatements.map((name, i) => [name, i])) as Record<WriteStatement, number>;

/** Where each statement has JSON columns: `encodeChanges` leaves them as values; see `stringifyJsonColumns` and `extractJsonColumns`. */
const jsonColumns: readonly (readonly number[] | undefined)[] = writeStatements.map((name) =>
  name === 'putInstance' ? [rows.instanceDataColumn] : name === 'putElement' ? rows.elementJsonColumns : name === 'putHistory' ? [3] : undefined,
);

/**
 * A change set as flat statement parameters: `ops` alternates an op number and its
 * parameter array. JSON columns (instance and element data, element variables, the
 * history row's events) are still values after `encodeChanges`: written on the caller's
 * thread they become text in place (`stringifyJsonColumns`); sent to the commit thread
 * they travel as separate strings (`extractJsonColumns` / `restoreJsonColumns`), so no
 * JSON is escaped inside JSON.
 */
export interface EncodedChanges {
  readonly ops: readonly (number | unknown[])[];
  readonly maxKey: number;
}

/** Turn a change set into statement parameters (records → rows; JSON columns left as values). */
export function encodeChanges(c: ChangeSet): EncodedChanges {
  const ops: (number | unknown[])[] = [];
  for (const r of c.deployments) ops.push(op.putDeployment, [r.key, r.orgId, r.createdAt]);
  for (const r of c.definitions) ops.push(op.putDefinition, rows.definitionParams(r));
  for (const r of c.instances) ops.push(op.putInstance, rows.instanceParams(r));
  for (const key of c.elements.del) ops.push(op.delElement, [key]);
  for (const e of c.elements.put) ops.push(op.putElement, rows.elementParams(e));
  for (const v of c.variables.del) ops.push(op.delVariable, [v.scopeKey, v.name]);
  for (const r of c.variables.put) ops.push(op.putVariable, rows.variableParams(r));
  for (const key of c.jobs.del) ops.push(op.delJob, [key]);
  for (const r of c.jobs.put) ops.push(op.putJob, rows.jobParams(r));
  for (const key of c.timers.del) ops.push(op.delTimer, [key]);
  for (const r of c.timers.put) ops.push(op.putTimer, rows.timerParams(r));
  for (const r of c.incidents.put) ops.push(op.putIncident, rows.incidentParams(r));
  for (const key of c.subscriptions.del) ops.push(op.delSubscription, [key]);
  for (const r of c.subscriptions.put) ops.push(op.putSubscription, rows.subscriptionParams(r));
  if (c.history.length > 0) {
    // One history row per instance for the command's events (usually exactly one instance).
    for (const [instanceKey, records] of historyByInstance(c.history)) {
      ops.push(op.putHistory, [instanceKey, c.historySeq, records[0]!.at, rows.historyEvents(records)]);
    }
  }
  return { ops, maxKey: c.maxKey };
}

/** Replace each non-null JSON column of encoded changes with `map(value)`, in place. */
function mapJsonColumns(changes: EncodedChanges, map: (value: unknown) => unknown): EncodedChanges {
  const { ops } = changes;
  for (let i = 0; i < ops.length; i += 2) {
    const columns = jsonColumns[ops[i] as number];
    if (!columns) continue;
    const params = ops[i + 1] as unknown[];
    for (const column of columns) if (params[column] !== null) params[column] = map(params[column]);
  }
  return changes;
}

/**
 * Take the JSON columns out of encoded changes, as JSON text: each is replaced by its index
 * in the returned list (null stays null). The rest then serializes without JSON inside
 * JSON (no escaping of every quote) and `restoreJsonColumns` puts the texts back.
 */
export function extractJsonColumns(changes: EncodedChanges): string[] {
  const texts: string[] = [];
  mapJsonColumns(changes, (value) => texts.push(JSON.stringify(value)) - 1);
  return texts;
}

/** Undo `extractJsonColumns`: the indexes become the texts again, in place; returns the changes. */
export function restoreJsonColumns(changes: EncodedChanges, texts: readonly string[]): EncodedChanges {
  return mapJsonColumns(changes, (index) => texts[index as number]);
}

/** Make the JSON columns of encoded changes text, in place; returns them. */
export function stringifyJsonColumns(changes: EncodedChanges): EncodedChanges {
  return mapJsonColumns(changes, (value) => JSON.stringify(value));
}

function historyByInstance(history: readonly HistoryRecord[]): Iterable<[number, readonly HistoryRecord[]]> {
  const first = history[0]!.instanceKey;
  if (history.every((r) => r.instanceKey === first)) return [[first, history]];
  const byInstance = new Map<number, HistoryRecord[]>();
  for (const r of history) {
    const list = byInstance.get(r.instanceKey);
    if (list) list.push(r);
    else byInstance.set(r.instanceKey, [r]);
  }
  return byInstance;
}

/**
 * Write encoded change sets with prepared statements; the caller wraps it in one
 * transaction. Also moves the stored key sequence up to the highest key used.
 */
export function writeChanges(q: Statements, items: readonly EncodedChanges[]): void {
  let maxKey = 0;
  for (const { ops, maxKey: itemMax } of items) {
    for (let i = 0; i < ops.length; i += 2) q[writeStatements[ops[i] as number]!].run(...(ops[i + 1] as unknown[]));
    if (itemMax > maxKey) maxKey = itemMax;
  }
  q.putMaxKey.run(String(maxKey));
}
