import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

/** Which id a webhook deduplicates on: a delivery-id header, or its messageIdExpression. */
export type DeliveryKind = 'delivery' | 'message';

/** Names one remembered id of one webhook in one workspace. */
export interface DeliveryKey {
  readonly workspaceId: string;
  readonly webhookId: string;
  readonly kind: DeliveryKind;
  /** The id as received; only its SHA-256 is stored. */
  readonly id: string;
}

/** The first answer given for an id, replayed to every repetition. */
export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * What claiming an id found: `claimed` — the caller is first (or took over a lease that
 * ran out) and must `complete` or `release` it; `done` — answered before; `pending` —
 * another request is processing it right now.
 */
export type ClaimResult =
  | { readonly state: 'claimed' }
  | { readonly state: 'done'; readonly answer: StoredAnswer }
  | { readonly state: 'pending' };

/**
 * Delivery-id and message-id memory of inbound webhooks. Claiming inserts a `pending`
 * row under the primary key, so of two requests with the same id exactly one proceeds.
 * A pending row older than the lease belongs to a request that died: it may be taken over.
 */
export class WebhookDeliveryRepository {
  readonly #db: Kysely<Database>;
  #lastPurge = 0;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Claim `key` at `now`, remembering it until `expiresAt`; see {@link ClaimResult}. */
  async claim(key: DeliveryKey, now: number, expiresAt: number, leaseMs: number): Promise<ClaimResult> {
    await this.#purge(now);
    const where = keyColumns(key);
    const inserted = await this.#db
      .insertInto('webhook_deliveries')
      .values({ ...where, state: 'pending', status: null, response: null, created_at: now, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['workspace_id', 'webhook_id', 'kind', 'dedup_key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { state: 'claimed' };
    const row = await this.#select(where);
    if (!row) return this.claim(key, now, expiresAt, leaseMs);
    if (row.expires_at <= now) {
      await this.#delete(where);
      return this.claim(key, now, expiresAt, leaseMs);
    }
    if (row.state === 'done' && row.status !== null && row.response !== null) {
      const { headers, body } = JSON.parse(row.response) as { headers: Record<string, string>; body: unknown };
      return { state: 'done', answer: { status: row.status, headers, body } };
    }
    if (row.created_at + leaseMs <= now) {
      // Compare-and-set on created_at: of several takers only one wins.
      const taken = await this.#db
        .updateTable('webhook_deliveries')
        .set({ created_at: now, expires_at: expiresAt })
        .where('workspace_id', '=', where.workspace_id)
        .where('webhook_id', '=', where.webhook_id)
        .where('kind', '=', where.kind)
        .where('dedup_key', '=', where.dedup_key)
        .where('state', '=', 'pending')
        .where('created_at', '=', row.created_at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) > 0) return { state: 'claimed' };
    }
    return { state: 'pending' };
  }

  /** Store the answer of a claimed id: every repetition gets it from now on. */
  async complete(key: DeliveryKey, answer: StoredAnswer): Promise<void> {
    const where = keyColumns(key);
    await this.#db
      .updateTable('webhook_deliveries')
      .set({ state: 'done', status: answer.status, response: JSON.stringify({ headers: answer.headers, body: answer.body }) })
      .where('workspace_id', '=', where.workspace_id)
      .where('webhook_id', '=', where.webhook_id)
      .where('kind', '=', where.kind)
      .where('dedup_key', '=', where.dedup_key)
      .execute();
  }

  /** Forget a claimed id (the attempt failed in a way a retry may fix). */
  async release(key: DeliveryKey): Promise<void> {
    await this.#delete(keyColumns(key));
  }

  async #select(where: ReturnType<typeof keyColumns>) {
    return this.#db
      .selectFrom('webhook_deliveries')
      .select(['state', 'status', 'response', 'created_at', 'expires_at'])
      .where('workspace_id', '=', where.workspace_id)
      .where('webhook_id', '=', where.webhook_id)
      .where('kind', '=', where.kind)
      .where('dedup_key', '=', where.dedup_key)
      .executeTakeFirst();
  }

  async #delete(where: ReturnType<typeof keyColumns>): Promise<void> {
    await this.#db
      .deleteFrom('webhook_deliveries')
      .where('workspace_id', '=', where.workspace_id)
      .where('webhook_id', '=', where.webhook_id)
      .where('kind', '=', where.kind)
      .where('dedup_key', '=', where.dedup_key)
      .execute();
  }

  /** Drop expired ids, at most once a minute (the expiry index keeps it cheap). */
  async #purge(now: number): Promise<void> {
    if (now - this.#lastPurge < 60_000) return;
    this.#lastPurge = now;
    await this.#db.deleteFrom('webhook_deliveries').where('expires_at', '<=', now).execute();
  }
}

function keyColumns(key: DeliveryKey) {
  return {
    workspace_id: key.workspaceId,
    webhook_id: key.webhookId,
    kind: key.kind,
    dedup_key: createHash('sha256').update(key.id).digest('hex'),
  };
}
