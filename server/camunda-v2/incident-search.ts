import type { Engine } from '../../engine/index.js';
import type { Principal } from '../auth/principal.js';
import { INCIDENT_FIELDS, toIncidentResults } from './incident-result.js';
import type { IncidentResult } from './incident-result.js';
import { compileFilter } from './search-filter.js';
import { pageOf } from './search-page.js';
import type { SearchQuery, SearchResponse } from './search-page.js';
import { scanByKey } from './store-scan.js';
import { visibilityOf, withDefaultTenant } from './tenant-scope.js';

const WEFT_INCIDENT_STATE: Readonly<Record<string, string>> = { ACTIVE: 'active', RESOLVED: 'resolved' };

/**
 * Search the incidents the token can see. Plain equality on `state` and
 * `processInstanceKey` narrows the store query; the rest is applied here.
 * @throws WeftError REQUEST_INVALID for an unsupported filter, sort or page
 */
export async function searchIncidents(engine: Engine, principal: Principal, query: SearchQuery): Promise<SearchResponse<IncidentResult>> {
  const filter = withDefaultTenant(query.filter, principal);
  const matches = compileFilter(filter, INCIDENT_FIELDS);
  const visible = visibilityOf(principal);
  const f = (filter ?? {}) as Record<string, unknown>;
  const narrow: { state?: string; instanceKey?: number } = {};
  if (typeof f.state === 'string') {
    const state = WEFT_INCIDENT_STATE[f.state];
    // MIGRATED, PENDING: states no Weft incident is ever in.
    if (state === undefined) return pageOf([], query, INCIDENT_FIELDS, 'incidentKey');
    narrow.state = state;
  }
  if (typeof f.processInstanceKey === 'string' && /^\d{1,16}$/.test(f.processInstanceKey)) narrow.instanceKey = Number(f.processInstanceKey);
  const { records, truncated } = await scanByKey((after, limit) =>
    engine.store.listIncidents({
      ...narrow,
      ...(visible.workspaceId === undefined ? {} : { workspaceId: visible.workspaceId }),
      ...(after === undefined ? {} : { after }),
      limit,
    }),
  );
  const mine = records.filter((i) => visible.orgId === undefined || i.orgId === visible.orgId);
  const results = await toIncidentResults(engine.store, mine);
  return pageOf(results.filter(matches), query, INCIDENT_FIELDS, 'incidentKey', truncated);
}
