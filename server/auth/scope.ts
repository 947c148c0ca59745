import type { Principal } from './principal.js';

/**
 * The scope rules, as pure functions of a principal (docs/api.md, "Roles and scopes").
 * These signatures are stable: route plugins (`/v2`, `/inbound`) depend on them.
 *
 * - platform-admin: everything.
 * - org-admin: its org (processes, deployments, settings, workspaces, tokens) and every
 *   workspace of it.
 * - workspace: its workspace (read and write), and read access to its org's processes
 *   and settings (to start what the org deployed).
 * - workspace-viewer: like workspace, read only.
 */

/** The parts of a workspace a scope check needs. */
export interface WorkspaceScope {
  readonly id: string;
  readonly orgId: string;
}

export function isPlatformAdmin(principal: Principal): boolean {
  return principal.role === 'platform-admin';
}

/** Whether the principal may see the org at all (its processes and settings). */
export function canReadOrg(principal: Principal, orgId: string): boolean {
  return isPlatformAdmin(principal) || principal.orgId === orgId;
}

/** Deploy, change settings, manage workspaces and tokens of the org. */
export function canAdminOrg(principal: Principal, orgId: string): boolean {
  return isPlatformAdmin(principal) || (principal.role === 'org-admin' && principal.orgId === orgId);
}

/** Whether the principal may see the workspace and what runs in it. */
export function canReadWorkspace(principal: Principal, workspace: WorkspaceScope): boolean {
  if (canAdminOrg(principal, workspace.orgId)) return true;
  return (principal.role === 'workspace' || principal.role === 'workspace-viewer') && principal.workspaceId === workspace.id;
}

/** Start, cancel, modify and repair instances; set credentials and secrets. */
export function canWriteWorkspace(principal: Principal, workspace: WorkspaceScope): boolean {
  if (canAdminOrg(principal, workspace.orgId)) return true;
  return principal.role === 'workspace' && principal.workspaceId === workspace.id;
}
