import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WeftError } from '../../core/index.js';

/** Name of the key file created in the data directory when WEFT_MASTER_KEY is not set. */
export const KEY_FILE_NAME = 'master.key';

/**
 * Decode a master key given as hex (64 characters) or base64 / base64url (43–44
 * characters) into exactly 32 bytes. Throws VAULT_KEY_INVALID — without echoing the text.
 */
export function parseMasterKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  else if (/^[A-Za-z0-9_-]{43}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64url');
  if (!key || key.length !== 32) {
    throw new WeftError('VAULT_KEY_INVALID', `${source} must be 32 bytes, as 64 hex characters or base64`);
  }
  return key;
}

/** Where the master key came from, for the start-up log. */
export type MasterKeySource = 'option' | 'env' | 'key-file' | 'created-key-file';

/** A master key found (or created), and anything the operator should hear about. */
export interface LoadedMasterKey {
  readonly key: Buffer;
  readonly source: MasterKeySource;
  readonly warnings: readonly string[];
}

/** Where to look for the master key. */
export interface MasterKeyLocation {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly dataDir?: string;
}

/** Read WEFT_MASTER_KEY, else `<dataDir>/master.key`; undefined when neither exists. */
export function findMasterKey(location: MasterKeyLocation): LoadedMasterKey | undefined {
  const fromEnv = location.env?.WEFT_MASTER_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    return { key: parseMasterKey(fromEnv, 'WEFT_MASTER_KEY'), source: 'env', warnings: [] };
  }
  if (!location.dataDir) return undefined;
  const path = join(location.dataDir, KEY_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WeftError('VAULT_KEY_MISSING', `cannot read the key file ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
  const warnings: string[] = [];
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    warnings.push(`key file ${path} is readable by other users; run: chmod 600 ${path}`);
  }
  return { key: parseMasterKey(text, `key file ${path}`), source: 'key-file', warnings };
}

/**
 * Create `<dataDir>/master.key` (mode 0600, never overwriting) with a fresh random key.
 * If another process created it first, that key is used.
 */
export function createKeyFile(dataDir: string): LoadedMasterKey {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, KEY_FILE_NAME);
  const key = randomBytes(32);
  try {
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = findMasterKey({ dataDir });
    if (existing) return existing;
  }
  return {
    key,
    source: 'created-key-file',
    warnings: [`created a new master key in ${path}; back it up — without it no credential or secret can be decrypted`],
  };
}
