import type { RouteAccess } from '../auth/index.js';

/**
 * The `config` of every `/v2` route: any valid token may call it (the app's access hook
 * authenticates it before the body is read); what the token may touch is decided per
 * record and per tenant by the handlers (tenant-scope.ts), since Camunda's requests carry
 * the tenant in the body, not in the path.
 */
export const CAMUNDA_ROUTE_CONFIG: { readonly access: RouteAccess } = { access: { kind: 'authenticated' } };

/** The /openapi.json part of a `/v2` route's schema: its group, summary and bearer auth. */
export function openapi(summary: string): { tags: string[]; summary: string; security: { bearerAuth: never[] }[] } {
  return { tags: ['camunda-v2'], summary: `Camunda 8 REST: ${summary}`, security: [{ bearerAuth: [] }] };
}
