import type { JsonObject, JsonValue } from '../../core/index.js';
import type { InstanceDraft } from './instance-draft.js';

/**
 * Variable scoping as Zeebe has it: each element instance may hold local variables;
 * a lookup walks outward to the process instance (the root scope); merging a result
 * "propagates": each variable updates the nearest scope that already has it, else it
 * is created in the root scope.
 */

/** The scope keys from `scopeKey` outward, ending with the process instance key. */
export function scopeChain(draft: InstanceDraft, scopeKey: number): number[] {
  const chain: number[] = [];
  let key: number | undefined = scopeKey;
  while (key !== undefined) {
    chain.push(key);
    if (key === draft.instance.key) break;
    key = draft.elements.get(key)?.flowScopeKey ?? draft.instance.key;
  }
  return chain;
}

/** The value visible under `name` from `scopeKey`, or undefined. */
export function lookupVariable(draft: InstanceDraft, scopeKey: number, name: string): JsonValue | undefined {
  for (const key of scopeChain(draft, scopeKey)) {
    const value = draft.variables.get(key)?.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A lookup function bound to a scope, for FEEL evaluation. */
export function scopeLookup(draft: InstanceDraft, scopeKey: number): (name: string) => JsonValue | undefined {
  const chain = scopeChain(draft, scopeKey);
  return (name) => {
    for (const key of chain) {
      const value = draft.variables.get(key)?.get(name);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/** Every variable visible from `scopeKey`, inner scopes shadowing outer ones (job payloads). */
export function visibleVariables(draft: InstanceDraft, scopeKey: number): JsonObject {
  const result: JsonObject = {};
  const chain = scopeChain(draft, scopeKey);
  for (let i = chain.length - 1; i >= 0; i--) {
    const scope = draft.variables.get(chain[i]!);
    if (scope) for (const [name, value] of scope) result[name] = value;
  }
  return result;
}

/** Merge variables from `scopeKey` outward (Zeebe's propagation). */
export function propagateVariables(draft: InstanceDraft, scopeKey: number, variables: JsonObject): void {
  const chain = scopeChain(draft, scopeKey);
  for (const [name, value] of Object.entries(variables)) {
    const owner = chain.find((key) => draft.variables.get(key)?.has(name)) ?? draft.instance.key;
    draft.setVariable(owner, name, value);
  }
}

/** Set variables directly on one scope. */
export function setLocalVariables(draft: InstanceDraft, scopeKey: number, variables: JsonObject): void {
  for (const [name, value] of Object.entries(variables)) draft.setVariable(scopeKey, name, value);
}
