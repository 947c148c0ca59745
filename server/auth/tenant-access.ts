import { WeftError } from '../../core/index.js';
import type { OrgRecord, OrgRepository, WorkspaceRecord, WorkspaceRepository } from '../../models/index.js';
import type { Principal } from './principal.js';
import { canAdminOrg, canReadOrg, canReadWorkspace, canWriteWorkspace } from './scope.js';

/** The repositories tenant checks read. */
export interface TenantDirectory {
  readonly orgs: Pick<OrgRepository, 'get'>;
  readonly workspaces: Pick<WorkspaceRepository, 'get'>;
}

/**
 * Visibility first, then permission: what the principal may not see answers exactly
 * like what does not exist (404, no id in the text, so bodies are identical); what it
 * sees but may not change answers 403.
 */
export function notFound(code: string, what: string): WeftError {
  return new WeftError(code, `${what} not found`);
}

/** A role violation inside the principal's own scope. */
export function forbidden(action: string): WeftError {
  return new WeftError('FORBIDDEN', `this token's role may not ${action}`);
}

/**
 * The org, if the principal may `read` it (any token of the org) or `admin` it.
 * @throws WeftError ORG_NOT_FOUND (404) or FORBIDDEN (403).
 */
export async function accessOrg(directory: TenantDirectory, principal: Principal, orgId: string, need: 'read' | 'admin'): Promise<OrgRecord> {
  const org = canReadOrg(principal, orgId) ? await directory.orgs.get(orgId) : undefined;
  if (!org) throw notFound('ORG_NOT_FOUND', 'org');
  if (need === 'admin' && !canAdminOrg(principal, orgId)) throw forbidden('administer the org');
  return org;
}

/**
 * The workspace, if the principal may `read` or `write` in it.
 * @throws WeftError WORKSPACE_NOT_FOUND (404) or FORBIDDEN (403).
 */
export async function accessWorkspace(directory: TenantDirectory, principal: Principal, workspaceId: string, need: 'read' | 'write'): Promise<WorkspaceRecord> {
  const workspace = await directory.workspaces.get(workspaceId);
  if (!workspace || !canReadWorkspace(principal, workspace)) throw notFound('WORKSPACE_NOT_FOUND', 'workspace');
  if (need === 'write' && !canWriteWorkspace(principal, workspace)) throw forbidden('change anything in this workspace');
  return workspace;
}

/** @throws WeftError FORBIDDEN unless the principal is a platform admin. */
export function requirePlatformAdmin(principal: Principal): void {
  if (principal.role !== 'platform-admin') throw forbidden('use the platform administration routes');
}
