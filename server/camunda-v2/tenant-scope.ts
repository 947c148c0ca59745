import { WeftError } from '../../core/index.js';
import { accessOrg, accessWorkspace, canReadWorkspace, canWriteWorkspace, forbidden } from '../auth/index.js';
import type { Principal, TenantDirectory } from '../auth/index.js';

/** Camunda's name for "the tenant of a cluster without multi-tenancy". */
export const DEFAULT_TENANT_ID = '<default>';

/** The workspace admin tokens mean by `<default>` or by naming no tenant. */
export const DEFAULT_WORKSPACE_ID = 'default';

/** Where a command runs: a workspace and the org it belongs to. */
export interface Tenant {
  readonly orgId: string;
  readonly workspaceId: string;
}

/** What a token may see, as store filters: its workspace, its org, or everything. */
export interface Visibility {
  readonly orgId?: string;
  readonly workspaceId?: string;
}

/** The workspace a token means by `<default>` or by naming no tenant. */
export function defaultWorkspaceOf(principal: Principal): string {
  return principal.workspaceId ?? DEFAULT_WORKSPACE_ID;
}

/** Whether a request's tenantId means "the token's default" (absent, empty, `<default>`). */
export function isDefaultTenant(tenantId: unknown): boolean {
  return tenantId === undefined || tenantId === null || tenantId === '' || tenantId === DEFAULT_TENANT_ID;
}

/**
 * Resolve a Camunda `tenantId` to the Weft workspace (and its org) a command runs in:
 * the token's default workspace, or the workspace it names. Answers like the rest of the
 * API: a workspace the token cannot see is 404, one it sees but may not change is 403.
 * @throws WeftError REQUEST_INVALID, WORKSPACE_NOT_FOUND (404), FORBIDDEN (403)
 */
export async function resolveTenant(directory: TenantDirectory, principal: Principal, tenantId: unknown, need: 'read' | 'write'): Promise<Tenant> {
  checkTenantId(tenantId);
  const workspaceId = isDefaultTenant(tenantId) ? defaultWorkspaceOf(principal) : (tenantId as string);
  try {
    const workspace = await accessWorkspace(directory, principal, workspaceId, need);
    return { orgId: workspace.orgId, workspaceId: workspace.id };
  } catch (error) {
    if (error instanceof WeftError && error.code === 'WORKSPACE_NOT_FOUND' && isDefaultTenant(tenantId)) {
      const hint = `tenant '<default>' means workspace '${workspaceId}' for this token, which it cannot use: give one of its workspaces as tenantId`;
      throw new WeftError('WORKSPACE_NOT_FOUND', hint);
    }
    throw error;
  }
}

/**
 * The org a deployment goes to. Deployments belong to an org, so `<default>` means an
 * org admin's own org, and a named tenant means the org of that workspace; deploying
 * needs the right to administer the org (org-admin, platform-admin).
 * @throws WeftError REQUEST_INVALID, WORKSPACE_NOT_FOUND / ORG_NOT_FOUND (404), FORBIDDEN (403)
 */
export async function resolveDeploymentOrg(directory: TenantDirectory, principal: Principal, tenantId: unknown): Promise<string> {
  checkTenantId(tenantId);
  let orgId = principal.orgId;
  if (!isDefaultTenant(tenantId) || orgId === undefined) orgId = (await resolveTenant(directory, principal, tenantId, 'read')).orgId;
  await accessOrg(directory, principal, orgId, 'admin');
  return orgId;
}

/** The records a token may see, as store filters (the same rule as `canReadWorkspace`). */
export function visibilityOf(principal: Principal): Visibility {
  if (principal.role === 'platform-admin') return {};
  if (principal.role === 'org-admin') return { orgId: principal.orgId ?? '\u0000' };
  return { workspaceId: principal.workspaceId ?? '\u0000' };
}

/**
 * Check a token's right to a record of a workspace: invisible records answer exactly
 * like missing ones (`notFound`), visible but read-only ones 403.
 * @throws the given not-found error, or WeftError FORBIDDEN
 */
export function checkRecordAccess(
  principal: Principal,
  record: { readonly orgId: string; readonly workspaceId: string },
  need: 'read' | 'write',
  notFound: () => WeftError,
): void {
  const workspace = { id: record.workspaceId, orgId: record.orgId };
  if (!canReadWorkspace(principal, workspace)) throw notFound();
  if (need === 'write' && !canWriteWorkspace(principal, workspace)) throw forbidden('change anything in this workspace');
}

/**
 * A search filter with `<default>` in its `tenantId` conditions (also inside `$or`)
 * replaced by the token's default workspace, so a search finds what a command with
 * `<default>` created. Anything else is returned as it came.
 */
export function withDefaultTenant(filter: unknown, principal: Principal): unknown {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) return filter;
  const mine = defaultWorkspaceOf(principal);
  const swap = (value: unknown): unknown =>
    value === DEFAULT_TENANT_ID
      ? mine
      : Array.isArray(value)
        ? value.map(swap)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([op, operand]) => [op, swap(operand)]))
          : value;
  const out: Record<string, unknown> = { ...(filter as Record<string, unknown>) };
  if ('tenantId' in out) out.tenantId = swap(out.tenantId);
  if (Array.isArray(out.$or)) out.$or = out.$or.map((alternative) => withDefaultTenant(alternative, principal));
  return out;
}

function checkTenantId(tenantId: unknown): void {
  if (tenantId !== undefined && tenantId !== null && typeof tenantId !== 'string') {
    throw new WeftError('REQUEST_INVALID', `tenantId must be a string, got ${JSON.stringify(tenantId)}`);
  }
}
