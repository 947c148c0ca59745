/**
 * Who is calling: resolved from the bearer token on every request (tokens are stored
 * only as hashes). Seed 004's three tiers: the platform admin operates the
 * installation; an org admin one org and its workspaces; a workspace token one
 * workspace, optionally read-only.
 */
export type Role = 'platform-admin' | 'org-admin' | 'workspace' | 'workspace-viewer';

/** Every role, from most to least powerful. */
export const ROLES: readonly Role[] = ['platform-admin', 'org-admin', 'workspace', 'workspace-viewer'];

export interface Principal {
  readonly tokenId: string;
  readonly role: Role;
  /** Set for org-admin and workspace tokens. */
  readonly orgId?: string;
  /** Set for workspace and workspace-viewer tokens. */
  readonly workspaceId?: string;
}

/** Whether a text is one of the four roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
