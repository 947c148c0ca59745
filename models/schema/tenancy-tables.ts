/** Orgs, workspaces and API tokens (filled in by the server work). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TenancyTables {}
