/** Tenancy: orgs, their workspaces, and API tokens (hashes only). */
export { OrgRepository } from './org-repository.js';
export { WorkspaceRepository } from './workspace-repository.js';
export { TokenRepository } from './token-repository.js';
export { SLUG_PATTERN } from './tenancy-records.js';
export type { OrgRecord, WorkspaceRecord, TokenRecord, NewToken } from './tenancy-records.js';
