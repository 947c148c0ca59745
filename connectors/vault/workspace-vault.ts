import type { JsonObject } from '../../core/index.js';
import { WeftError, isJsonObject } from '../../core/index.js';
import type { CredentialStore, SecretStore } from '../connector-stores.js';
import type { SecretSource } from '../secrets/secret-resolver.js';
import { credentialAad, secretAad } from './record-aad.js';
import type { Vault } from './vault.js';

/** A workspace's credentials for one connector, as the runtime sees them. */
export type LoadedCredentials =
  | { readonly state: 'unconfigured' }
  | { readonly state: 'opted-out' }
  | { readonly state: 'ready'; readonly config: JsonObject };

const secretNamePattern = /^[A-Za-z0-9_][A-Za-z0-9_./-]{0,127}$/;

/**
 * Tier-3 storage of seed 004: each workspace's encrypted connector credentials and
 * secrets. Values go in; only the connector runtime gets them back out — no API returns them.
 */
export class WorkspaceVault {
  readonly #vault: Vault;
  readonly #credentials: CredentialStore;
  readonly #secrets: SecretStore;

  constructor(vault: Vault, credentials: CredentialStore, secrets: SecretStore) {
    this.#vault = vault;
    this.#credentials = credentials;
    this.#secrets = secrets;
  }

  /** Store (replace) a workspace's credentials for a connector, encrypted. */
  async saveCredentials(workspaceId: string, connectorId: string, config: JsonObject, enabled = true): Promise<void> {
    const sealed = this.#vault.seal(JSON.stringify(config), credentialAad(workspaceId, connectorId));
    await this.#credentials.put(workspaceId, connectorId, { enabled, sealed });
  }

  /** Opt a workspace in or out of a connector, keeping any stored credentials. */
  async setCredentialsEnabled(workspaceId: string, connectorId: string, enabled: boolean): Promise<void> {
    const current = await this.#credentials.get(workspaceId, connectorId);
    await this.#credentials.put(workspaceId, connectorId, current?.sealed ? { enabled, sealed: current.sealed } : { enabled });
  }

  /** Decrypt a workspace's credentials for the runtime. */
  async loadCredentials(workspaceId: string, connectorId: string): Promise<LoadedCredentials> {
    const stored = await this.#credentials.get(workspaceId, connectorId);
    if (!stored) return { state: 'unconfigured' };
    if (!stored.enabled) return { state: 'opted-out' };
    if (!stored.sealed) return { state: 'unconfigured' };
    const text = this.#vault.open(stored.sealed, credentialAad(workspaceId, connectorId), `the credentials of connector ${connectorId} in workspace ${workspaceId}`);
    const config: unknown = JSON.parse(text);
    if (!isJsonObject(config)) throw new WeftError('CREDENTIALS_INVALID', `the credentials of connector ${connectorId} are not an object`);
    return { state: 'ready', config };
  }

  /**
   * The field names of a workspace's stored config for a connector (opted out or not),
   * for APIs that show what is configured; the values never leave this class.
   */
  async configuredFields(workspaceId: string, connectorId: string): Promise<string[]> {
    const stored = await this.#credentials.get(workspaceId, connectorId);
    if (!stored?.sealed) return [];
    const text = this.#vault.open(stored.sealed, credentialAad(workspaceId, connectorId), `the credentials of connector ${connectorId} in workspace ${workspaceId}`);
    const config: unknown = JSON.parse(text);
    return isJsonObject(config) ? Object.keys(config).sort() : [];
  }

  /** Store (replace) a workspace secret. Names: letters, digits, `_ . / -`, max 128. */
  async saveSecret(workspaceId: string, name: string, value: string): Promise<void> {
    if (!secretNamePattern.test(name)) {
      throw new WeftError('SECRET_NAME_INVALID', `"${name}" is not a valid secret name (letters, digits, _ . / -)`);
    }
    await this.#secrets.put(workspaceId, name, this.#vault.seal(value, secretAad(workspaceId, name)));
  }

  async deleteSecret(workspaceId: string, name: string): Promise<boolean> {
    return this.#secrets.delete(workspaceId, name);
  }

  /** The workspace's secrets as a source for placeholder resolution. */
  secretSource(workspaceId: string): SecretSource {
    return {
      get: async (name) => {
        const sealed = await this.#secrets.get(workspaceId, name);
        return sealed ? this.#vault.open(sealed, secretAad(workspaceId, name), `secret ${name}`) : undefined;
      },
    };
  }
}
