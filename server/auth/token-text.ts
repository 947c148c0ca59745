import { createHash, randomBytes } from 'node:crypto';

/** Every token text starts with this, so secret scanners and people recognize one. */
export const TOKEN_PREFIX = 'weft_';

/** A new token: its public id and its text (shown once, never stored). */
export interface GeneratedToken {
  readonly id: string;
  readonly text: string;
}

/** 256 random bits as `weft_<base64url>`, and an id `tok_<12 hex>` to name it by. */
export function generateToken(): GeneratedToken {
  return { id: `tok_${randomBytes(6).toString('hex')}`, text: `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}` };
}

/** What is stored and looked up: the hex SHA-256 of the token text. */
export function hashToken(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
