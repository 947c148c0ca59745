import { WeftError } from '../../core/index.js';
import type { OrgRepository, TokenRecord, TokenRepository, WorkspaceRepository } from '../../models/index.js';
import type { Role } from './principal.js';
import { isRole } from './principal.js';
import { notFound } from './tenant-access.js';
import { generateToken, hashToken } from './token-text.js';

/** What a new token is for. */
export interface TokenRequest {
  readonly role: string;
  readonly orgId?: string | undefined;
  readonly workspaceId?: string | undefined;
  readonly label?: string | undefined;
}

/** A created token: the record, and its text — returned once, never stored. */
export interface IssuedToken {
  readonly record: TokenRecord;
  readonly text: string;
}

/**
 * Create a token after checking that its role and scope fit together: platform-admin
 * has neither org nor workspace; org-admin an existing org; workspace roles an existing
 * workspace of that org (the org defaults to the workspace's). Used by the API, by
 * `weft token create --offline` and by the first-start bootstrap.
 * @throws WeftError TOKEN_ROLE_INVALID, ORG_NOT_FOUND, WORKSPACE_NOT_FOUND.
 */
export async function issueToken(
  repos: { readonly orgs: OrgRepository; readonly workspaces: WorkspaceRepository; readonly tokens: TokenRepository },
  request: TokenRequest,
): Promise<IssuedToken> {
  const role = request.role;
  if (!isRole(role)) throw new WeftError('TOKEN_ROLE_INVALID', `role must be one of platform-admin, org-admin, workspace, workspace-viewer; got '${role}'`);
  const scope = await scopeOf(repos, role, request);
  const generated = generateToken();
  const record = await repos.tokens.create({
    id: generated.id,
    hash: hashToken(generated.text),
    role,
    orgId: scope.orgId,
    workspaceId: scope.workspaceId,
    label: request.label ?? '',
  });
  return { record, text: generated.text };
}

async function scopeOf(
  repos: { readonly orgs: OrgRepository; readonly workspaces: WorkspaceRepository },
  role: Role,
  request: TokenRequest,
): Promise<{ orgId: string | null; workspaceId: string | null }> {
  if (role === 'platform-admin') {
    if (request.orgId !== undefined || request.workspaceId !== undefined) throw new WeftError('TOKEN_ROLE_INVALID', 'a platform-admin token has no org or workspace');
    return { orgId: null, workspaceId: null };
  }
  if (role === 'org-admin') {
    if (request.workspaceId !== undefined) throw new WeftError('TOKEN_ROLE_INVALID', 'an org-admin token has no workspace; give only the org');
    if (request.orgId === undefined) throw new WeftError('TOKEN_ROLE_INVALID', 'an org-admin token needs an org');
    if (!(await repos.orgs.get(request.orgId))) throw notFound('ORG_NOT_FOUND', 'org');
    return { orgId: request.orgId, workspaceId: null };
  }
  if (request.workspaceId === undefined) throw new WeftError('TOKEN_ROLE_INVALID', `a ${role} token needs a workspace`);
  const workspace = await repos.workspaces.get(request.workspaceId);
  if (!workspace || (request.orgId !== undefined && workspace.orgId !== request.orgId)) throw notFound('WORKSPACE_NOT_FOUND', 'workspace');
  return { orgId: workspace.orgId, workspaceId: workspace.id };
}
