import type { Engine } from '../../engine/index.js';
import type { InstanceRecord } from '../../models/index.js';
import { canReadWorkspace } from '../auth/index.js';
import type { Principal } from '../auth/index.js';
import { PROCESS_INSTANCE_FIELDS, toProcessInstanceResults, weftState } from './process-instance-result.js';
import type { ProcessInstanceResult } from './process-instance-result.js';
import { compileFilter } from './search-filter.js';
import { pageOf } from './search-page.js';
import type { SearchQuery, SearchResponse } from './search-page.js';
import { scanByKey } from './store-scan.js';
import { visibilityOf, withDefaultTenant } from './tenant-scope.js';
import type { Visibility } from './tenant-scope.js';

/**
 * Search the process instances the token can see. Plain values of `state`,
 * `processDefinitionId`, `processDefinitionKey`, `hasIncident` and `processInstanceKey`
 * narrow the store query; every condition, the sort and the page are then applied to
 * the candidates here.
 * @throws WeftError REQUEST_INVALID for an unsupported filter, sort or page
 */
export async function searchProcessInstances(engine: Engine, principal: Principal, query: SearchQuery): Promise<SearchResponse<ProcessInstanceResult>> {
  const filter = withDefaultTenant(query.filter, principal);
  const matches = compileFilter(filter, PROCESS_INSTANCE_FIELDS);
  const visible = visibilityOf(principal);
  const narrow = await storeNarrowing(engine, filter);
  if (narrow === 'nothing') return pageOf([], query, PROCESS_INSTANCE_FIELDS, 'processInstanceKey');
  const { records, truncated } =
    narrow.key === undefined
      ? await scanByKey((after, limit) => engine.store.listInstances({ ...visible, ...narrow.list, ...(after === undefined ? {} : { after }), limit }))
      : { records: await visibleInstance(engine, principal, narrow.key), truncated: false };
  const withIncident = await instancesWithIncidents(engine, visible);
  const results = await toProcessInstanceResults(engine, records, (key) => withIncident.has(key));
  return pageOf(results.filter(matches), query, PROCESS_INSTANCE_FIELDS, 'processInstanceKey', truncated);
}

/** What the store can narrow by (a superset of the matches: the filter still runs after). */
interface Narrowing {
  readonly list: { state?: string; bpmnProcessId?: string; hasIncident?: boolean };
  /** A plain `processInstanceKey`: read that one instance instead of listing. */
  readonly key?: number;
}

/** Store filters equivalent to the plain-value conditions of the filter; 'nothing' when none can match. */
async function storeNarrowing(engine: Engine, filter: unknown): Promise<Narrowing | 'nothing'> {
  if (filter === null || typeof filter !== 'object') return { list: {} };
  const f = filter as Record<string, unknown>;
  const list: Narrowing['list'] = {};
  if (typeof f.state === 'string') {
    const state = weftState(f.state);
    if (state === undefined) return 'nothing';
    list.state = state;
  }
  if (typeof f.processDefinitionId === 'string') list.bpmnProcessId = f.processDefinitionId;
  if (typeof f.processDefinitionKey === 'string') {
    const definition = /^\d{1,16}$/.test(f.processDefinitionKey) ? await engine.store.getDefinition(Number(f.processDefinitionKey)) : undefined;
    if (!definition) return 'nothing';
    list.bpmnProcessId ??= definition.bpmnProcessId;
  }
  if (typeof f.hasIncident === 'boolean') list.hasIncident = f.hasIncident;
  if (typeof f.processInstanceKey === 'string') {
    if (!/^\d{1,16}$/.test(f.processInstanceKey)) return 'nothing';
    return { list, key: Number(f.processInstanceKey) };
  }
  return { list };
}

/** The one instance with this key, if the token can see it. */
async function visibleInstance(engine: Engine, principal: Principal, key: number): Promise<InstanceRecord[]> {
  const instance = await engine.store.getInstance(key);
  return instance && canReadWorkspace(principal, { id: instance.workspaceId, orgId: instance.orgId }) ? [instance] : [];
}

/** Keys of the visible instances that have at least one open incident. */
async function instancesWithIncidents(engine: Engine, visible: Visibility): Promise<Set<number>> {
  const { records } = await scanByKey((after, limit) =>
    engine.store.listIncidents({
      state: 'active',
      ...(visible.workspaceId === undefined ? {} : { workspaceId: visible.workspaceId }),
      ...(after === undefined ? {} : { after }),
      limit,
    }),
  );
  return new Set(records.filter((i) => visible.orgId === undefined || i.orgId === visible.orgId).map((i) => i.instanceKey));
}
