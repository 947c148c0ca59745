import type { JsonValue } from '../../core/index.js';
import { WeftError } from '../../core/index.js';
import { envSecretSource, resolveSecrets } from '../../connectors/index.js';
import type { Masker, SecretSource } from '../../connectors/index.js';
import { WebhookError } from './webhook-error.js';

/** The workspace's secret store, as the connector runtime's vault provides it. */
export interface WorkspaceSecretSources {
  secretSource(workspaceId: string): SecretSource;
}

/**
 * Resolves `{{secrets.NAME}}` in a webhook's secret-bearing properties (HMAC secret,
 * BASIC credentials, API key) for one request, exactly as connector inputs are resolved:
 * the workspace's secret store first, then `WEFT_SECRET_NAME`. Every resolved value is
 * registered with the request's masker before it is used, so nothing built from it can
 * leave unmasked. A missing secret answers 500 WEBHOOK_SECRET_UNAVAILABLE; its name is
 * logged by the caller, never sent to the (unauthenticated) caller.
 */
export class WebhookSecrets {
  readonly #vault: WorkspaceSecretSources;
  readonly #env: SecretSource;

  constructor(vault: WorkspaceSecretSources, env: Readonly<Record<string, string | undefined>>) {
    this.#vault = vault;
    this.#env = envSecretSource(env);
  }

  /** Resolve every text of `values` (same keys back). */
  async resolve<K extends string>(values: Readonly<Record<K, string>>, workspaceId: string, masker: Masker): Promise<Record<K, string>> {
    try {
      const resolved = await resolveSecrets(values as unknown as JsonValue, [this.#vault.secretSource(workspaceId), this.#env], masker);
      return resolved as unknown as Record<K, string>;
    } catch (error) {
      if (error instanceof WeftError && error.code === 'SECRET_NOT_AVAILABLE') {
        throw new WebhookError('WEBHOOK_SECRET_UNAVAILABLE', 500, 'the webhook is not usable: a secret it needs is not available', {
          details: { secret: error.details.secret },
          cause: error,
        });
      }
      throw error;
    }
  }
}
