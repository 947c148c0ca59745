import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/index.js';
import { WeftError, systemClock } from '../../core/index.js';
import type { SealedRecord } from '../connector-stores.js';
import { KeyRing, dataKeyAad, gcmOpen, gcmSeal, keyCheckValue, sameCheckValue } from './key-ring.js';
import { createKeyFile, findMasterKey, parseMasterKey } from './master-key.js';
import type { LoadedMasterKey, MasterKeySource } from './master-key.js';
import type { VaultKeyRecord, VaultStorage } from './vault-storage.js';

/** How to open the vault. */
export interface OpenVaultOptions {
  readonly storage: VaultStorage;
  /** The master key itself (32 bytes, or its hex/base64 text); overrides env and key file. */
  readonly masterKey?: Buffer | string;
  /** Read for WEFT_MASTER_KEY only. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where `master.key` lives; created there on first start when no key is configured. */
  readonly dataDir?: string;
  readonly clock?: Clock;
}

/**
 * Envelope encryption for credentials and secrets. The master key (WEFT_MASTER_KEY or the
 * key file) only wraps data keys; records are sealed with the active data key under
 * AES-256-GCM, each naming its key id. Opening refuses to start when encrypted rows exist
 * and the master key is missing (VAULT_KEY_MISSING) or is not the one they were sealed
 * under (VAULT_KEY_MISMATCH).
 */
export class Vault {
  /** The database side of the vault, for rotation. */
  readonly storage: VaultStorage;
  /** Unwrapped data keys, for rotation. */
  readonly keyRing: KeyRing;
  readonly masterKeySource: MasterKeySource;
  /** Things the operator should be told at start (new key file, loose file mode). */
  readonly warnings: readonly string[];
  #master: Buffer;
  readonly #clock: Clock;

  private constructor(storage: VaultStorage, ring: KeyRing, master: LoadedMasterKey, clock: Clock) {
    this.storage = storage;
    this.keyRing = ring;
    this.#master = master.key;
    this.masterKeySource = master.source;
    this.warnings = master.warnings;
    this.#clock = clock;
  }

  /** Find the master key, check it against every stored data key, unwrap them. */
  static async open(options: OpenVaultOptions): Promise<Vault> {
    const clock = options.clock ?? systemClock;
    const keys = await options.storage.listKeys();
    const inUse = await options.storage.keyIdsInUse();
    let master: LoadedMasterKey | undefined =
      options.masterKey === undefined
        ? findMasterKey({ ...(options.env ? { env: options.env } : {}), ...(options.dataDir ? { dataDir: options.dataDir } : {}) })
        : { key: typeof options.masterKey === 'string' ? parseMasterKey(options.masterKey, 'the master key') : options.masterKey, source: 'option', warnings: [] };
    if (!master) {
      if (keys.length > 0 || inUse.length > 0 || !options.dataDir) {
        throw new WeftError('VAULT_KEY_MISSING', 'the master key is missing: set WEFT_MASTER_KEY (or restore the key file in the data directory)');
      }
      master = createKeyFile(options.dataDir);
    }
    if (master.key.length !== 32) throw new WeftError('VAULT_KEY_INVALID', 'the master key must be 32 bytes');
    const unwrapped = new Map<string, Buffer>();
    for (const record of keys) unwrapped.set(record.keyId, unwrapDataKey(master.key, record));
    const missing = inUse.filter((id) => !unwrapped.has(id));
    if (missing.length > 0) {
      throw new WeftError('VAULT_KEY_MISSING', `encrypted rows use data key(s) ${missing.join(', ')}, which are not in the vault`);
    }
    const active = keys.find((k) => k.active) ?? [...keys].sort((a, b) => b.createdAt - a.createdAt)[0];
    const vault = new Vault(options.storage, new KeyRing(unwrapped, active?.keyId ?? ''), master, clock);
    if (!active) {
      // First start: create the first data key — unless another process just did.
      await vault.storage.transaction(async (tx) => {
        const now = await tx.listKeys();
        if (now.length === 0) await vault.addDataKey(tx);
        else for (const record of now) vault.keyRing.activate(record.keyId, unwrapDataKey(master.key, record));
      });
    }
    return vault;
  }

  /** Seal a text under the active data key; `aad` binds it to where it belongs. */
  seal(plaintext: string, aad: string): SealedRecord {
    return this.keyRing.seal(plaintext, aad);
  }

  /** Open a sealed record; `what` names it in errors ("credentials of connector x"). */
  open(record: SealedRecord, aad: string, what: string): string {
    return this.keyRing.open(record, aad, what);
  }

  /** Create a data key, wrap it, store it active, make it the ring's active key. */
  async addDataKey(storage: VaultStorage): Promise<string> {
    const keyId = `k${this.#clock.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const key = randomBytes(32);
    const previous = (await storage.listKeys()).filter((k) => k.active);
    for (const k of previous) await storage.updateKey({ ...k, active: false });
    await storage.insertKey({ ...wrapDataKey(this.#master, keyId, key), active: true, createdAt: this.#clock.now() });
    this.keyRing.activate(keyId, key);
    return keyId;
  }

  /** Re-wrap every data key under a new master key (records stay as they are). */
  async changeMasterKey(newMasterKey: Buffer | string): Promise<void> {
    const next = typeof newMasterKey === 'string' ? parseMasterKey(newMasterKey, 'the new master key') : newMasterKey;
    await this.storage.transaction(async (tx) => {
      for (const record of await tx.listKeys()) {
        const key = unwrapDataKey(this.#master, record);
        await tx.updateKey({ ...record, ...wrapDataKey(next, record.keyId, key) });
      }
    });
    this.#master = next;
  }
}

function wrapDataKey(master: Buffer, keyId: string, key: Buffer): Pick<VaultKeyRecord, 'keyId' | 'nonce' | 'wrappedKey' | 'checkValue'> {
  const { nonce, ciphertext } = gcmSeal(master, key, dataKeyAad(keyId));
  return { keyId, nonce, wrappedKey: ciphertext, checkValue: keyCheckValue(master, keyId) };
}

function unwrapDataKey(master: Buffer, record: VaultKeyRecord): Buffer {
  if (!sameCheckValue(keyCheckValue(master, record.keyId), record.checkValue)) {
    throw new WeftError('VAULT_KEY_MISMATCH', `the master key is not the one data key ${record.keyId} was created with`);
  }
  const key = gcmOpen(master, record.nonce, record.wrappedKey, dataKeyAad(record.keyId));
  if (!key || key.length !== 32) {
    throw new WeftError('VAULT_KEY_MISMATCH', `data key ${record.keyId} cannot be unwrapped with this master key (the row is damaged)`);
  }
  return key;
}

/** Open (and on first start initialize) the vault. */
export const openVault = (options: OpenVaultOptions): Promise<Vault> => Vault.open(options);
