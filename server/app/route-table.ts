import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { RouteAccess } from '../auth/index.js';

/** One route as registered: what the tenancy test enumerates and docs/api.md lists. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  /** Undefined for routes of plugins that check access themselves (`/v2`, `/inbound`). */
  readonly access: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app, filled while routes are added (HEAD twins left out). */
    weftRoutes: RouteEntry[];
  }
}

/** Record every route added from now on, in this instance and every plugin inside it. */
export function installRouteTable(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  app.decorate('weftRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods: readonly HTTPMethods[] = Array.isArray(route.method) ? route.method : [route.method as HTTPMethods];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, access: route.config?.access });
    }
  });
}
