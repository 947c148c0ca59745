import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { WeftError } from '../../core/index.js';

/** The claims Weft puts in a private-key assertion (docs/connectors.md, "private_key"). */
export interface AssertionClaims {
  /** Issuer: the client id, or the username when no client id is configured. */
  readonly iss: string;
  /** Subject: the username, or the client id. */
  readonly sub: string;
  /** Audience: auth_options.audience, else the token URL (token exchange) or the API origin. */
  readonly aud: string;
  /** Issued at / expires, in seconds since the epoch. */
  readonly iat: number;
  readonly exp: number;
  /** Unique id, so a captured assertion cannot be replayed where jti is tracked. */
  readonly jti: string;
  readonly scope?: string;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function readKey(pem: string): { key: KeyObject; alg: 'RS256' | 'ES256' } {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new WeftError('CREDENTIALS_INVALID', 'the private key cannot be read (expected a PEM RSA or P-256 EC private key)');
  }
  if (key.asymmetricKeyType === 'rsa') return { key, alg: 'RS256' };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { key, alg: 'ES256' };
  throw new WeftError('CREDENTIALS_INVALID', `private keys of type ${key.asymmetricKeyType ?? 'unknown'} are not supported (RSA or EC P-256)`);
}

/**
 * Sign a JWT with RS256 (RSA key) or ES256 (EC P-256 key), the algorithm following the key.
 * ES256 signatures are in the JOSE form (r‖s, 64 bytes), not DER.
 */
export function signAssertion(privateKeyPem: string, claims: AssertionClaims, keyId?: string): string {
  const { key, alg } = readKey(privateKeyPem);
  const header = { alg, typ: 'JWT', ...(keyId ? { kid: keyId } : {}) };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature =
    alg === 'RS256'
      ? sign('sha256', Buffer.from(input), key)
      : sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${base64url(signature)}`;
}

/** Claims for an assertion issued now. */
export function assertionClaims(options: {
  readonly issuer: string;
  readonly subject: string;
  readonly audience: string;
  readonly nowMs: number;
  readonly ttlSeconds: number;
  readonly scope?: string;
}): AssertionClaims {
  const iat = Math.floor(options.nowMs / 1000);
  return {
    iss: options.issuer,
    sub: options.subject,
    aud: options.audience,
    iat,
    exp: iat + options.ttlSeconds,
    jti: randomUUID(),
    ...(options.scope ? { scope: options.scope } : {}),
  };
}
