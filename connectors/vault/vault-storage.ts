import type { SealedRecord } from '../connector-stores.js';

/** A data key as stored: wrapped (encrypted) under the master key, with its check value. */
export interface VaultKeyRecord {
  readonly keyId: string;
  readonly nonce: Uint8Array;
  /** The 32-byte data key encrypted with the master key (ciphertext + tag). */
  readonly wrappedKey: Uint8Array;
  /** HMAC of the key id under the master key: tells "wrong master key" from "corrupt row". */
  readonly checkValue: string;
  /** The key new records are sealed with; exactly one after open. */
  readonly active: boolean;
  readonly createdAt: number;
}

/** One encrypted row anywhere in the vault, for rotation. */
export interface SealedRow {
  readonly kind: 'credential' | 'secret';
  readonly workspaceId: string;
  /** The connector id (credential) or the secret name (secret). */
  readonly name: string;
  readonly sealed: SealedRecord;
}

/** What the vault needs from the database: its keys, and every sealed row for rotation. */
export interface VaultStorage {
  listKeys(): Promise<VaultKeyRecord[]>;
  insertKey(record: VaultKeyRecord): Promise<void>;
  /** Replace a key's wrapping (master key change) or flags. */
  updateKey(record: VaultKeyRecord): Promise<void>;
  deleteKey(keyId: string): Promise<void>;
  /** Distinct key ids referenced by sealed rows: "do encrypted rows exist, and under which keys". */
  keyIdsInUse(): Promise<string[]>;
  listSealed(): Promise<SealedRow[]>;
  replaceSealed(row: SealedRow, sealed: SealedRecord): Promise<void>;
  /** Run `work` atomically; the storage handed to it is bound to the transaction. */
  transaction<T>(work: (storage: VaultStorage) => Promise<T>): Promise<T>;
}
