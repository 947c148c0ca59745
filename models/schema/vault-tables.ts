/** Platform-tier connector definitions; each save that changes the JSON adds a version. */
export interface ConnectorDefinitionsTable {
  readonly connector_id: string;
  readonly version: number;
  /** The definition JSON text, as validated. */
  readonly definition: string;
  /** Platform kill-switch (1/0). Only the newest version's flag matters. */
  readonly enabled: number;
  /** Epoch milliseconds. */
  readonly created_at: number;
}

/** Per workspace and connector: opted in/out, and the AES-256-GCM sealed config. */
export interface WorkspaceCredentialsTable {
  readonly workspace_id: string;
  readonly connector_id: string;
  readonly enabled: number;
  /** Null when the workspace only opted out without ever configuring. */
  readonly key_id: string | null;
  readonly nonce: Uint8Array | null;
  /** Ciphertext with the 16-byte GCM tag appended. */
  readonly ciphertext: Uint8Array | null;
  readonly updated_at: number;
}

/** Workspace secrets for `{{secrets.NAME}}`, sealed like credentials. */
export interface WorkspaceSecretsTable {
  readonly workspace_id: string;
  readonly name: string;
  readonly key_id: string;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly updated_at: number;
}

/** Org-tier settings: the domain allowlist (JSON array of entries, or null = none set). */
export interface OrgSettingsTable {
  readonly org_id: string;
  readonly domain_allowlist: string | null;
  readonly updated_at: number;
}

/** Data keys of the vault, wrapped under the master key, each with its key check value. */
export interface VaultKeysTable {
  readonly key_id: string;
  readonly nonce: Uint8Array;
  readonly wrapped_key: Uint8Array;
  readonly check_value: string;
  readonly active: number;
  readonly created_at: number;
}

/** Tables of connector definitions, encrypted credentials and secrets. */
export interface VaultTables {
  connector_definitions: ConnectorDefinitionsTable;
  workspace_credentials: WorkspaceCredentialsTable;
  workspace_secrets: WorkspaceSecretsTable;
  org_settings: OrgSettingsTable;
  vault_keys: VaultKeysTable;
}

