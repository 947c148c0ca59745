import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../core/index.js';
import type { DeliveryKey, WebhookDeliveryRepository } from '../../models/index.js';
import type { WebhookAnswer } from './webhook-answer.js';
import { WebhookError } from './webhook-error.js';

/** What processing a request led to: the answer, and whether a process was started or woken. */
export interface Outcome {
  readonly answer: WebhookAnswer;
  readonly effect: boolean;
}

/** Timing of the deduplication; the defaults suit production, tests shorten them. */
export interface DedupTiming {
  /** A claim older than this belongs to a request that died and may be taken over. Default 60 s. */
  readonly leaseMs: number;
  /** How long a repetition waits for the first request to finish before answering 409. Default 10 s. */
  readonly waitMs: number;
  readonly pollMs: number;
}

const DEFAULT_TIMING: DedupTiming = { leaseMs: 60_000, waitMs: 10_000, pollMs: 25 };

/**
 * Runs a webhook's work once per delivery id (or message id): the first request does the
 * work, every repetition within the retention gets the first answer again. An answer is
 * kept when the work had an effect or succeeded (< 400); a failure that changed nothing
 * is forgotten, so a retry can succeed. Answers are stored with secrets already masked.
 */
export class DeliveryDedup {
  readonly #repository: WebhookDeliveryRepository | undefined;
  readonly #clock: Clock;
  readonly #timing: DedupTiming;

  constructor(repository: WebhookDeliveryRepository | undefined, clock: Clock, timing: Partial<DedupTiming> = {}) {
    this.#repository = repository;
    this.#clock = clock;
    this.#timing = { ...DEFAULT_TIMING, ...timing };
  }

  /**
   * Do `work` unless `key` was seen within `retentionSeconds`.
   * @throws WebhookError WEBHOOK_DELIVERY_IN_PROGRESS (409) when the first request is still
   *   running after the wait; WEBHOOK_DEDUP_UNAVAILABLE (500) without a database.
   */
  async once(key: DeliveryKey, retentionSeconds: number, work: () => Promise<Outcome>): Promise<Outcome> {
    const repository = this.#repository;
    if (!repository) {
      throw new WebhookError('WEBHOOK_DEDUP_UNAVAILABLE', 500, 'this server has no database for webhook deduplication');
    }
    const started = Date.now();
    for (;;) {
      const now = this.#clock.now();
      const claim = await repository.claim(key, now, now + retentionSeconds * 1000, this.#timing.leaseMs);
      if (claim.state === 'done') return { answer: claim.answer as WebhookAnswer, effect: false };
      if (claim.state === 'claimed') return this.#run(repository, key, work);
      if (Date.now() - started >= this.#timing.waitMs) {
        throw new WebhookError('WEBHOOK_DELIVERY_IN_PROGRESS', 409, 'a request with this id is still being processed; try again later');
      }
      await sleep(this.#timing.pollMs);
    }
  }

  async #run(repository: WebhookDeliveryRepository, key: DeliveryKey, work: () => Promise<Outcome>): Promise<Outcome> {
    let outcome: Outcome;
    try {
      outcome = await work();
    } catch (error) {
      await repository.release(key);
      throw error;
    }
    if (outcome.effect || outcome.answer.status < 400) await repository.complete(key, { ...outcome.answer, body: outcome.answer.body ?? null });
    else await repository.release(key);
    return outcome;
  }
}
