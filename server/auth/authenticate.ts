import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WeftError } from '../../core/index.js';
import type { Principal } from './principal.js';
import type { PrincipalResolver } from './principal-resolver.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set once on the root instance by `installAuthentication`; inherited by every plugin. */
    weftPrincipals: PrincipalResolver;
  }
  interface FastifyRequest {
    /** Set by `requireAuth` (or the first `authenticate` call) for this request. */
    principal?: Principal;
  }
}

/** Make `authenticate` work in this instance and every plugin registered inside it. */
export function installAuthentication(app: FastifyInstance, resolver: PrincipalResolver): void {
  app.decorate('weftPrincipals', resolver);
  app.decorateRequest('principal', undefined);
}

/**
 * The principal of a request, from `Authorization: Bearer <token>`; cached on the request.
 * Stable API for route plugins (`/v2`).
 * @throws WeftError UNAUTHENTICATED (401) — the same answer for a missing, malformed,
 *   unknown or revoked token.
 */
export async function authenticate(request: FastifyRequest): Promise<Principal> {
  if (request.principal) return request.principal;
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const principal = match ? await request.server.weftPrincipals.resolve(match[1]!) : undefined;
  if (!principal) throw new WeftError('UNAUTHENTICATED', 'a valid API token is required: Authorization: Bearer <token>');
  request.principal = principal;
  return principal;
}

/** A preHandler that authenticates every request of the routes it is attached to. */
export async function requireAuth(request: FastifyRequest): Promise<void> {
  await authenticate(request);
}

/** The principal `requireAuth` resolved; for handlers behind it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new WeftError('UNAUTHENTICATED', 'a valid API token is required: Authorization: Bearer <token>');
  return request.principal;
}
