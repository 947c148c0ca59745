import type { TokenRepository } from '../../models/index.js';
import type { Principal } from './principal.js';
import { isRole } from './principal.js';
import { hashToken } from './token-text.js';

/** Turns a bearer token's text into the principal it stands for. */
export interface PrincipalResolver {
  /** The principal, or undefined for an unknown, revoked or malformed token. */
  resolve(tokenText: string): Promise<Principal | undefined>;
}

/** Looks the token's SHA-256 up in the tokens table; the text itself is never stored. */
export function tokenPrincipalResolver(tokens: TokenRepository): PrincipalResolver {
  return {
    async resolve(tokenText) {
      if (tokenText.length < 16 || tokenText.length > 512) return undefined;
      const record = await tokens.findActiveByHash(hashToken(tokenText));
      if (!record || !isRole(record.role)) return undefined;
      return {
        tokenId: record.id,
        role: record.role,
        ...(record.orgId === null ? {} : { orgId: record.orgId }),
        ...(record.workspaceId === null ? {} : { workspaceId: record.workspaceId }),
      };
    },
  };
}
