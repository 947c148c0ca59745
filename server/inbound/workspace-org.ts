/** The embedded default: org `default` owns workspace `default`. */
export const DEFAULT_WORKSPACE = 'default';
/** The org that owns the `default` workspace when tenancy does not say otherwise. */
export const DEFAULT_ORG = 'default';

/** Where a workspace's org comes from (the tenancy repository). */
export interface WorkspaceDirectory {
  get(workspaceId: string): Promise<{ readonly orgId: string } | undefined>;
}

/** The org that owns a workspace, or undefined when there is no such workspace. */
export type WorkspaceOrgLookup = (workspaceId: string) => Promise<string | undefined>;

/**
 * The one place that decides which org a webhook request belongs to: the workspace's
 * org from the tenancy repository. The `default` workspace belongs to the `default` org
 * even before tenancy has created it (an embedded `weft serve` never needs to).
 */
export function workspaceOrgLookup(directory: WorkspaceDirectory | undefined): WorkspaceOrgLookup {
  return async (workspaceId) => {
    const found = directory ? await directory.get(workspaceId) : undefined;
    if (found) return found.orgId;
    return workspaceId === DEFAULT_WORKSPACE ? DEFAULT_ORG : undefined;
  };
}
