/** The three columns of an AES-256-GCM sealed value, as the connectors vault writes them. */
export interface SealedColumns {
  readonly keyId: string;
  readonly nonce: Uint8Array;
  /** Ciphertext with the GCM tag appended. */
  readonly ciphertext: Uint8Array;
}

/** Read the sealed columns of a row; undefined when the row holds no ciphertext. */
export function fromSealedColumns(row: {
  readonly key_id: string | null;
  readonly nonce: Uint8Array | null;
  readonly ciphertext: Uint8Array | null;
}): SealedColumns | undefined {
  if (row.key_id === null || row.nonce === null || row.ciphertext === null) return undefined;
  return { keyId: row.key_id, nonce: row.nonce, ciphertext: row.ciphertext };
}
