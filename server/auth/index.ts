/**
 * server/auth: who is calling and what they may touch. Route plugins use:
 * `requireAuth` (preHandler) / `authenticate(request)` → Principal, the pure scope
 * checks (`canReadWorkspace`…), and `accessOrg` / `accessWorkspace`, which load a tenant
 * and throw the right 404/403. These signatures are stable.
 */
export type { Principal, Role } from './principal.js';
export { ROLES, isRole } from './principal.js';
export { authenticate, requireAuth, principalOf, installAuthentication } from './authenticate.js';
export type { PrincipalResolver } from './principal-resolver.js';
export { tokenPrincipalResolver } from './principal-resolver.js';
export { isPlatformAdmin, canReadOrg, canAdminOrg, canReadWorkspace, canWriteWorkspace } from './scope.js';
export type { WorkspaceScope } from './scope.js';
export { accessOrg, accessWorkspace, requirePlatformAdmin, notFound, forbidden } from './tenant-access.js';
export type { TenantDirectory } from './tenant-access.js';
export { generateToken, hashToken, TOKEN_PREFIX } from './token-text.js';
export type { GeneratedToken } from './token-text.js';
export { installRouteAccess, workspaceOf, orgOf, instanceOf, incidentOf } from './route-access.js';
export type { RouteAccess } from './route-access.js';
export { issueToken } from './issue-token.js';
export type { IssuedToken, TokenRequest } from './issue-token.js';
