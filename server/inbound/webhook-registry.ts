import type { WebhookElement } from './webhook-elements.js';

/** A webhook as served: its element, and the process version it belongs to. */
export interface WebhookRegistration extends WebhookElement {
  readonly orgId: string;
  readonly bpmnProcessId: string;
  readonly processDefinitionKey: number;
  readonly version: number;
}

/**
 * The webhooks being served, per org (a webhook ID is unique within an org). Only the
 * latest version of each process is served: registering a process replaces everything
 * its earlier version had registered.
 */
export class WebhookRegistry {
  readonly #byOrg = new Map<string, Map<string, WebhookRegistration>>();
  /** The version served per `org/process`, so a late older registration cannot win. */
  readonly #versions = new Map<string, number>();

  /** The webhook `webhookId` of `orgId`, if served. */
  find(orgId: string, webhookId: string): WebhookRegistration | undefined {
    return this.#byOrg.get(orgId)?.get(webhookId);
  }

  /**
   * Serve exactly `registrations` for `bpmnProcessId` in `orgId` from now on (a new
   * version takes over). Returns the IDs that another process of the org already serves
   * and were therefore skipped (only possible for data deployed before the validator).
   * A version older than the one served is ignored.
   */
  replaceProcess(orgId: string, bpmnProcessId: string, version: number, registrations: readonly WebhookRegistration[]): string[] {
    const versionKey = `${orgId}/${bpmnProcessId}`;
    if ((this.#versions.get(versionKey) ?? 0) > version) return [];
    this.#versions.set(versionKey, version);
    let org = this.#byOrg.get(orgId);
    if (!org) this.#byOrg.set(orgId, (org = new Map()));
    for (const [id, registration] of org) if (registration.bpmnProcessId === bpmnProcessId) org.delete(id);
    const skipped: string[] = [];
    for (const registration of registrations) {
      const current = org.get(registration.config.webhookId);
      if (current) skipped.push(registration.config.webhookId);
      else org.set(registration.config.webhookId, registration);
    }
    return skipped;
  }
}
