/** Records of the tenancy tables, as repositories return them (camelCase, booleans). */

/** An org (seed 004, tier 2): owns deployments and workspaces. */
export interface OrgRecord {
  readonly id: string;
  readonly displayName: string;
  readonly createdAt: number;
}

/** A workspace (seed 004, tier 3): instances, credentials and secrets live in one. */
export interface WorkspaceRecord {
  readonly id: string;
  readonly orgId: string;
  readonly displayName: string;
  readonly createdAt: number;
}

/** An API token without its hash: what listing and authentication need. */
export interface TokenRecord {
  readonly id: string;
  /** `platform-admin`, `org-admin`, `workspace` or `workspace-viewer` (checked by the server). */
  readonly role: string;
  readonly orgId: string | null;
  readonly workspaceId: string | null;
  readonly label: string;
  readonly createdAt: number;
  readonly revoked: boolean;
}

/** What creating a token stores: the record plus the SHA-256 (hex) of the token text. */
export interface NewToken extends Omit<TokenRecord, 'createdAt' | 'revoked'> {
  readonly hash: string;
}

/** Ids of orgs and workspaces: lower-case slugs, 1–63 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
