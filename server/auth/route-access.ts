import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EngineStore, IncidentRecord, InstanceRecord, OrgRecord, WorkspaceRecord } from '../../models/index.js';
import { authenticate } from './authenticate.js';
import type { TenantDirectory } from './tenant-access.js';
import { accessOrg, accessWorkspace, notFound, requirePlatformAdmin } from './tenant-access.js';

type Store = Pick<EngineStore, 'getInstance' | 'getIncident'>;

/**
 * What a route requires, declared in its `config.access`. Checked in `onRequest`, before
 * the body is read or validated, so a foreign id answers exactly like an unknown one
 * whatever the body. `resource` loads the instance (`:instanceKey`) or incident
 * (`:incidentKey`) and requires it to live in the route's workspace.
 */
export type RouteAccess =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'platform' }
  | { readonly kind: 'org'; readonly need: 'read' | 'admin' }
  | { readonly kind: 'workspace'; readonly need: 'read' | 'write'; readonly resource?: 'instance' | 'incident' };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route of the Weft API (checked when the route is added). */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    tenantOrg?: OrgRecord;
    tenantWorkspace?: WorkspaceRecord;
    tenantInstance?: InstanceRecord;
    tenantIncident?: IncidentRecord;
  }
}

/** Enforce `config.access` on every route that declares it (root-level `onRequest` hook). */
export function installRouteAccess(app: FastifyInstance, deps: { directory: TenantDirectory; store: Store }): void {
  for (const name of ['tenantOrg', 'tenantWorkspace', 'tenantInstance', 'tenantIncident'] as const) app.decorateRequest(name, undefined);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access.kind === 'public') return;
    const principal = await authenticate(request);
    const params = request.params as Record<string, string | undefined>;
    if (access.kind === 'platform') requirePlatformAdmin(principal);
    else if (access.kind === 'org') request.tenantOrg = await accessOrg(deps.directory, principal, params.org ?? '', access.need);
    else if (access.kind === 'workspace') {
      const workspace = await accessWorkspace(deps.directory, principal, params.ws ?? '', access.need);
      request.tenantWorkspace = workspace;
      if (access.resource === 'instance') request.tenantInstance = await instanceIn(deps.store, workspace, params.instanceKey);
      if (access.resource === 'incident') request.tenantIncident = await incidentIn(deps.store, workspace, params.incidentKey);
    }
  });
}

const keyPattern = /^[1-9]\d{0,15}$/;

async function instanceIn(store: Store, workspace: WorkspaceRecord, key: string | undefined): Promise<InstanceRecord> {
  const instance = key !== undefined && keyPattern.test(key) ? await store.getInstance(Number(key)) : undefined;
  // The org is checked too: an instance is in a workspace of its own org, or in none visible.
  if (!instance || instance.workspaceId !== workspace.id || instance.orgId !== workspace.orgId) throw notFound('PROCESS_INSTANCE_NOT_FOUND', 'process instance');
  return instance;
}

async function incidentIn(store: Store, workspace: WorkspaceRecord, key: string | undefined): Promise<IncidentRecord> {
  const incident = key !== undefined && keyPattern.test(key) ? await store.getIncident(Number(key)) : undefined;
  if (!incident || incident.workspaceId !== workspace.id || incident.orgId !== workspace.orgId) throw notFound('INCIDENT_NOT_FOUND', 'incident');
  return incident;
}

/** The workspace `onRequest` resolved for this route (routes with workspace access only). */
export function workspaceOf(request: FastifyRequest): WorkspaceRecord {
  if (!request.tenantWorkspace) throw new Error(`route ${request.routeOptions.url} declares no workspace access`);
  return request.tenantWorkspace;
}

/** The instance `onRequest` resolved (routes with `resource: 'instance'` only). */
export function instanceOf(request: FastifyRequest): InstanceRecord {
  if (!request.tenantInstance) throw new Error(`route ${request.routeOptions.url} declares no instance access`);
  return request.tenantInstance;
}

/** The incident `onRequest` resolved (routes with `resource: 'incident'` only). */
export function incidentOf(request: FastifyRequest): IncidentRecord {
  if (!request.tenantIncident) throw new Error(`route ${request.routeOptions.url} declares no incident access`);
  return request.tenantIncident;
}

/** The org `onRequest` resolved for this route (routes with org access only). */
export function orgOf(request: FastifyRequest): OrgRecord {
  if (!request.tenantOrg) throw new Error(`route ${request.routeOptions.url} declares no org access`);
  return request.tenantOrg;
}
