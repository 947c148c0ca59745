import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../app/server-context.js';
import { handleWebhook } from './handle-webhook.js';
import type { WebhookDeps } from './handle-webhook.js';
import { WEBHOOK_ID_PATTERN } from './read-webhook-config.js';
import { errorAnswer, sendAnswer } from './webhook-answer.js';
import { WebhookError, webhookNotFound } from './webhook-error.js';
import type { WebhookRegistration, WebhookRegistry } from './webhook-registry.js';
import { DEFAULT_WORKSPACE } from './workspace-org.js';
import type { WorkspaceOrgLookup } from './workspace-org.js';

/** What the routes need besides the request handling itself. */
export interface RouteOptions {
  readonly registry: WebhookRegistry;
  readonly workspaceOrg: WorkspaceOrgLookup;
  readonly deps: WebhookDeps;
  readonly metrics: ServerMetrics;
  readonly logger: Logger;
  /** Largest body accepted, bytes; larger answers 413. */
  readonly bodyLimit: number;
}

interface Target {
  readonly registration: WebhookRegistration;
  readonly orgId: string;
  readonly workspaceId: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

interface Params {
  readonly workspace?: string;
  readonly webhookId: string;
}
type WebhookRequest = FastifyRequest<{ Params: Params }>;

/**
 * `/inbound/:workspace/:webhookId` and `/inbound/:webhookId` (the default workspace,
 * Camunda's URL). In their own encapsulated scope: the only body parser keeps the raw
 * bytes (HMAC is computed over them), and the webhook and method are checked before the
 * body is read, so an unknown ID or a wrong method never costs a body upload.
 */
export async function webhookRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const targets = new WeakMap<FastifyRequest, Target>();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_request, body, done) => done(null, body));
  app.addHook('onResponse', async (_request, reply) => options.metrics.webhookRequest(reply.statusCode));
  app.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
    let refusal: WebhookError;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      refusal = new WebhookError('WEBHOOK_BODY_TOO_LARGE', 413, `the request body is larger than ${options.bodyLimit} bytes`);
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      refusal = new WebhookError('WEBHOOK_REQUEST_INVALID', 400, 'the request could not be read');
    } else {
      options.logger.error({ err: { type: (error as Error).name, code: error.code } }, 'webhook request failed');
      refusal = new WebhookError('WEBHOOK_INTERNAL_ERROR', 500, 'internal error; the server log has the details');
    }
    return sendAnswer(reply, errorAnswer(refusal));
  });

  const refuse = (reply: FastifyReply, error: WebhookError, webhookId: string, workspaceId: string): FastifyReply => {
    options.logger.info({ webhookId: webhookId.slice(0, 200), workspaceId: workspaceId.slice(0, 100), status: error.status, code: error.code }, 'webhook refused');
    return sendAnswer(reply, errorAnswer(error));
  };

  const resolve = async (request: WebhookRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const { webhookId } = request.params;
    const workspaceId = request.params.workspace ?? DEFAULT_WORKSPACE;
    const orgId = WEBHOOK_ID_PATTERN.test(webhookId) ? await options.workspaceOrg(workspaceId) : undefined;
    const registration = orgId === undefined ? undefined : options.registry.find(orgId, webhookId);
    if (!registration || orgId === undefined) return refuse(reply, webhookNotFound(), webhookId, workspaceId);
    const { method } = registration.config;
    if (method !== 'any' && method.toUpperCase() !== request.method) {
      reply.header('allow', method.toUpperCase());
      return refuse(reply, new WebhookError('WEBHOOK_METHOD_NOT_ALLOWED', 405, `this webhook accepts ${method.toUpperCase()} only`), webhookId, workspaceId);
    }
    targets.set(request, { registration, orgId, workspaceId });
    return undefined;
  };

  const handler = async (request: WebhookRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const target = targets.get(request)!;
    const started = performance.now();
    const answer = await handleWebhook(options.deps, {
      ...target,
      rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      headers: request.headers,
      query: request.query,
    });
    options.logger.info(
      { webhookId: target.registration.config.webhookId, workspaceId: target.workspaceId, status: answer.status, code: answer.code, ms: Math.round(performance.now() - started) },
      'webhook answered',
    );
    return sendAnswer(reply, answer);
  };

  for (const url of ['/inbound/:webhookId', '/inbound/:workspace/:webhookId']) {
    // No HEAD twin: a HEAD request must not start a process. Fastify's access log is off
    // here (its URL may carry an API key in the query); "webhook answered" replaces it.
    app.route<{ Params: Params }>({ method: [...METHODS], url, exposeHeadRoute: false, logLevel: 'warn', onRequest: resolve, handler });
  }
}
