import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WeftError } from '../../core/index.js';
import type { SealedRecord } from '../connector-stores.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a fresh random 96-bit nonce; the tag is appended to the ciphertext. */
export function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): { nonce: Buffer; ciphertext: Buffer } {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext: Buffer.concat([body, cipher.getAuthTag()]) };
}

/** Inverse of gcmSeal; returns undefined when the key, the AAD or the bytes are wrong. */
export function gcmOpen(key: Buffer, nonce: Uint8Array, ciphertext: Uint8Array, aad: string): Buffer | undefined {
  if (nonce.length !== NONCE_BYTES || ciphertext.length < TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
    return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** The AAD that binds a wrapped data key to its id. */
export const dataKeyAad = (keyId: string): string => JSON.stringify(['weft/data-key/v1', keyId]);

/** Key check value: proves a master key is the one a data key was wrapped with. */
export function keyCheckValue(master: Buffer, keyId: string): string {
  return createHmac('sha256', master).update(`weft/key-check/v1\0${keyId}`).digest('hex').slice(0, 32);
}

/** Constant-time comparison of two check values. */
export function sameCheckValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The unwrapped data keys of an open vault. Records are sealed under the active key and
 * opened under whichever key id they name.
 */
export class KeyRing {
  readonly #keys: Map<string, Buffer>;
  #activeKeyId: string;

  constructor(keys: ReadonlyMap<string, Buffer>, activeKeyId: string) {
    this.#keys = new Map(keys);
    this.#activeKeyId = activeKeyId;
  }

  get activeKeyId(): string {
    return this.#activeKeyId;
  }

  /** Add a key and make it the active one (rotation). */
  activate(keyId: string, key: Buffer): void {
    this.#keys.set(keyId, key);
    this.#activeKeyId = keyId;
  }

  /** Make an existing key active again (undo of a failed rotation). */
  setActive(keyId: string): void {
    if (this.#keys.has(keyId)) this.#activeKeyId = keyId;
  }

  /** Forget keys no record uses any more. */
  retire(keyId: string): void {
    if (keyId !== this.#activeKeyId) this.#keys.delete(keyId);
  }

  seal(plaintext: string, aad: string, keyId = this.#activeKeyId): SealedRecord {
    const key = this.#keys.get(keyId) as Buffer;
    const { nonce, ciphertext } = gcmSeal(key, Buffer.from(plaintext, 'utf8'), aad);
    return { keyId, nonce, ciphertext };
  }

  /** Throws VAULT_DECRYPT_FAILED (the message names no value, only what failed). */
  open(record: SealedRecord, aad: string, what: string): string {
    const key = this.#keys.get(record.keyId);
    if (!key) {
      throw new WeftError('VAULT_KEY_MISSING', `${what} is encrypted under key ${record.keyId}, which this vault does not have`);
    }
    const plain = gcmOpen(key, record.nonce, record.ciphertext, aad);
    if (!plain) {
      throw new WeftError('VAULT_DECRYPT_FAILED', `${what} cannot be decrypted: it was altered, or copied from another workspace or connector`);
    }
    return plain.toString('utf8');
  }
}
