import { ChurnMap } from '../core/index.js';
import type { DeploymentResult } from './deploy/deployer.js';
import type { InstanceDraft } from './runtime/instance-draft.js';

/** What one committed command did, for observers (metrics, `weft run`, tests). */
export interface CommittedCommand {
  readonly instanceKey: number;
  readonly instanceState: string;
  /** The command's history events; `data` is secret-free (e.g. CONNECTOR_CALL exchanges). */
  readonly history: readonly { readonly type: string; readonly elementId: string | null; readonly data: Readonly<Record<string, unknown>> | null }[];
}

/** A tiny synchronous event hub: listeners must be fast and must not throw. */
export class EngineEvents {
  /** By subscription number: callers waiting for one instance come and go all the time. */
  readonly #listeners = new ChurnMap<(event: CommittedCommand) => void>();
  #nextListener = 1;
  readonly #deployListeners = new Set<(result: DeploymentResult, orgId: string) => void>();

  /** Listen to deployments that added at least one new version. */
  onDeployed(listener: (result: DeploymentResult, orgId: string) => void): () => void {
    this.#deployListeners.add(listener);
    return () => this.#deployListeners.delete(listener);
  }

  deployed(result: DeploymentResult, orgId: string): void {
    for (const listener of this.#deployListeners) {
      try {
        listener(result, orgId);
      } catch {
        // An observer's bug must not break a deployment.
      }
    }
  }

  /** Listen to every committed command; returns the unsubscribe function. */
  onCommitted(listener: (event: CommittedCommand) => void): () => void {
    const id = this.#nextListener++;
    this.#listeners.set(id, listener);
    return () => this.#listeners.delete(id);
  }

  emit(draft: InstanceDraft): void {
    if (this.#listeners.size === 0) return;
    const event: CommittedCommand = {
      instanceKey: draft.instance.key,
      instanceState: draft.instance.state,
      history: draft.history,
    };
    for (const listener of this.#listeners.values()) {
      try {
        listener(event);
      } catch {
        // An observer's bug must not break the engine.
      }
    }
  }
}
