import { credentialAad, secretAad } from './record-aad.js';
import type { Vault } from './vault.js';
import type { SealedRow } from './vault-storage.js';

/** What a rotation did. */
export interface RotationResult {
  /** The new active data key. */
  readonly keyId: string;
  /** How many credential and secret rows were re-encrypted. */
  readonly reencrypted: number;
  /** Data keys deleted because no row uses them any more. */
  readonly retiredKeyIds: readonly string[];
}

const aadOf = (row: SealedRow): string =>
  row.kind === 'credential' ? credentialAad(row.workspaceId, row.name) : secretAad(row.workspaceId, row.name);

/**
 * Re-encrypt every credential and secret under a fresh data key, in ONE transaction, then
 * delete the old data keys. A crash leaves either the old state or the new one. This is
 * what `weft keys rotate` runs; to replace the master key itself use `vault.changeMasterKey`.
 */
export async function rotateKeys(vault: Vault): Promise<RotationResult> {
  const previous = vault.keyRing.activeKeyId;
  try {
    return await rotateInTransaction(vault);
  } catch (error) {
    vault.keyRing.setActive(previous); // the transaction rolled back; so does the ring
    throw error;
  }
}

function rotateInTransaction(vault: Vault): Promise<RotationResult> {
  return vault.storage.transaction(async (tx) => {
    const before = await tx.listKeys();
    const keyId = await vault.addDataKey(tx);
    let reencrypted = 0;
    for (const row of await tx.listSealed()) {
      const aad = aadOf(row);
      const plain = vault.open(row.sealed, aad, `${row.kind} ${row.name} of workspace ${row.workspaceId}`);
      await tx.replaceSealed(row, vault.seal(plain, aad));
      reencrypted++;
    }
    for (const old of before) {
      await tx.deleteKey(old.keyId);
      vault.keyRing.retire(old.keyId);
    }
    return { keyId, reencrypted, retiredKeyIds: before.map((k) => k.keyId) };
  });
}
