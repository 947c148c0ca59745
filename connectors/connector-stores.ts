/**
 * The small storage interfaces the connector runtime depends on. The repositories in
 * `models/vault/` implement them structurally; tests or another backend can too. Secrets
 * and credentials only ever cross these interfaces encrypted (`SealedRecord`).
 */

/** AES-256-GCM output: which data key, the 96-bit nonce, and ciphertext with its 16-byte tag. */
export interface SealedRecord {
  readonly keyId: string;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

/** The newest version of a connector definition and the platform kill-switch. */
export interface StoredDefinition {
  /** The definition JSON as saved (validated on save, validated again on use). */
  readonly definition: unknown;
  readonly version: number;
  /** Platform kill-switch: false → every task of this connector is skipped. */
  readonly enabled: boolean;
}

/** Platform-tier connector definitions. */
export interface DefinitionStore {
  latest(connectorId: string): Promise<StoredDefinition | undefined>;
}

/** A workspace's settings record for one connector (seed 004 tier 3). */
export interface StoredCredential {
  /** false = the workspace opted out: tasks are skipped. */
  readonly enabled: boolean;
  /** The encrypted config; absent when the workspace only opted out. */
  readonly sealed?: SealedRecord;
}

/** Workspace credentials, encrypted; write-only from the outside world's point of view. */
export interface CredentialStore {
  get(workspaceId: string, connectorId: string): Promise<StoredCredential | undefined>;
  put(workspaceId: string, connectorId: string, record: StoredCredential): Promise<void>;
}

/** Workspace secrets (`{{secrets.NAME}}`), encrypted. */
export interface SecretStore {
  get(workspaceId: string, name: string): Promise<SealedRecord | undefined>;
  put(workspaceId: string, name: string, sealed: SealedRecord): Promise<void>;
  delete(workspaceId: string, name: string): Promise<boolean>;
}

/** Org-tier settings the runtime reads. */
export interface OrgSettings {
  /** The org's domain allowlist; undefined when none is configured (an empty list allows nothing). */
  domainAllowlist(orgId: string): Promise<readonly string[] | undefined>;
}
