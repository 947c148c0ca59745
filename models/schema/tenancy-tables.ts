/** An org: the tier that owns deployments and its workspaces (seed 004, tier 2). */
export interface OrgsTable {
  /** Slug, globally unique. */
  readonly id: string;
  readonly display_name: string;
  /** Epoch milliseconds. */
  readonly created_at: number;
}

/** A workspace: where instances run, credentials and secrets live (seed 004, tier 3). */
export interface WorkspacesTable {
  /** Slug, globally unique (across orgs), so `/workspaces/:ws` needs no org. */
  readonly id: string;
  readonly org_id: string;
  readonly display_name: string;
  readonly created_at: number;
}

/** An API token. Only the SHA-256 of the token text is stored; the text is shown once. */
export interface TokensTable {
  readonly id: string;
  /** Hex SHA-256 of the whole token text; unique. */
  readonly hash: string;
  /** `platform-admin`, `org-admin`, `workspace` or `workspace-viewer`. */
  readonly role: string;
  /** Null for platform-admin tokens. */
  readonly org_id: string | null;
  /** Set for workspace and workspace-viewer tokens. */
  readonly workspace_id: string | null;
  readonly label: string;
  readonly created_at: number;
  /** 1 once revoked; revoked tokens are kept for the audit trail. */
  readonly revoked: number;
}

/** Orgs, workspaces and API tokens. */
export interface TenancyTables {
  orgs: OrgsTable;
  workspaces: WorkspacesTable;
  tokens: TokensTable;
}
