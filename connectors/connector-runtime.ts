import type { Clock } from '../core/index.js';
import { WeftError, systemClock } from '../core/index.js';
import { TokenCache } from './auth/token-cache.js';
import { CAMUNDA_REST_JOB_TYPE, executeCamundaRest } from './camunda-rest/rest-connector.js';
import type { ConnectorJob, ConnectorOutcome, ConnectorRuntime } from './connector-job.js';
import { failureOutcome } from './connector-outcome.js';
import type { CredentialStore, DefinitionStore, OrgSettings, SecretStore } from './connector-stores.js';
import { EgressClient } from './egress/egress-client.js';
import type { EgressOptions } from './egress/egress-config.js';
import { egressWarnings, resolveEgressOptions } from './egress/egress-config.js';
import { CONNECTOR_JOB_PREFIX, executeDefinedConnector } from './http/http-connector.js';
import type { ConnectorLogger, RuntimeDeps } from './runtime-deps.js';
import { Masker } from './secrets/masker.js';
import { envSecretSource } from './secrets/secret-resolver.js';
import type { Vault } from './vault/vault.js';
import { WorkspaceVault } from './vault/workspace-vault.js';

/** Everything the connector runtime is built from. */
export interface ConnectorRuntimeOptions {
  readonly definitions: DefinitionStore;
  readonly credentials: CredentialStore;
  readonly secrets: SecretStore;
  readonly orgSettings: OrgSettings;
  /** The open vault (see `openVault`). */
  readonly vault: Vault;
  readonly egress?: EgressOptions;
  /**
   * Read for `WEFT_SECRET_*` (secrets) and `WEFT_EGRESS_ALLOW` only. Defaults to
   * `process.env`; no other variable is ever read.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  readonly logger?: ConnectorLogger;
}

/** The runtime plus its lifecycle. */
export interface ConnectorRuntimeHandle extends ConnectorRuntime {
  /** The workspace side of the vault (save credentials and secrets). */
  readonly workspaceVault: WorkspaceVault;
  /** Warnings to log at start (egress exemptions, a new key file…). */
  warnings(): string[];
  /** Close pooled connections; pending executions finish or fail. */
  close(): Promise<void>;
}

/**
 * Build the connector runtime: `io.camunda:http-json:1` and every `connector:<id>` job,
 * one keep-alive connection pool, one token cache. `execute` never throws.
 */
export function createConnectorRuntime(options: ConnectorRuntimeOptions): ConnectorRuntimeHandle {
  const env = options.env ?? process.env;
  const egress = resolveEgressOptions(options.egress, env);
  const clock = options.clock ?? systemClock;
  const client = new EgressClient(egress, clock);
  const workspaceVault = new WorkspaceVault(options.vault, options.credentials, options.secrets);
  const deps: RuntimeDeps = {
    definitions: options.definitions,
    orgSettings: options.orgSettings,
    vault: workspaceVault,
    envSecrets: envSecretSource(env),
    client,
    tokens: new TokenCache(clock),
    clock,
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const handles = (type: string): boolean => type === CAMUNDA_REST_JOB_TYPE || type.startsWith(CONNECTOR_JOB_PREFIX);
  return {
    workspaceVault,
    handles,
    async execute(job: ConnectorJob): Promise<ConnectorOutcome> {
      let outcome: ConnectorOutcome;
      try {
        if (job.type === CAMUNDA_REST_JOB_TYPE) outcome = await executeCamundaRest(job, deps);
        else if (job.type.startsWith(CONNECTOR_JOB_PREFIX)) outcome = await executeDefinedConnector(job, deps);
        else outcome = failureOutcome(new WeftError('CONNECTOR_NOT_FOUND', `no connector handles job type ${job.type}`), new Masker(), []);
      } catch (error) {
        // The handlers catch everything; this is the last line against a bug.
        outcome = failureOutcome(error, new Masker(), []);
      }
      deps.logger?.debug?.('connector job finished', {
        jobKey: job.jobKey,
        type: job.type,
        kind: outcome.kind,
        ...(outcome.kind === 'error' ? { code: outcome.error.code } : {}),
      });
      return outcome;
    },
    warnings: () => [...egressWarnings(egress), ...options.vault.warnings],
    close: () => client.close(),
  };
}
