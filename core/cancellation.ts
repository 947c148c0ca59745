/**
 * Being told that work should stop, without an EventTarget: an AbortSignal costs several
 * microseconds to create and to listen to, which matters once per job on the hot path.
 */
export interface CancelToken {
  /** The reason, once cancelled; undefined before. */
  readonly reason: unknown;
  readonly cancelled: boolean;
  /** Call `listener` on cancellation (at once if it already happened); returns the unsubscribe. */
  onCancel(listener: (reason: unknown) => void): () => void;
}

/** A CancelToken the owner cancels. `signal` is made on first use only, for APIs that want one. */
export class Cancellation implements CancelToken {
  #cancelled = false;
  #reason: unknown;
  #listeners: ((reason: unknown) => void)[] | undefined;
  #controller: AbortController | undefined;

  get cancelled(): boolean {
    return this.#cancelled;
  }

  get reason(): unknown {
    return this.#reason;
  }

  /** An AbortSignal that aborts with this cancellation. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#cancelled) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  onCancel(listener: (reason: unknown) => void): () => void {
    if (this.#cancelled) {
      listener(this.#reason);
      return () => undefined;
    }
    (this.#listeners ??= []).push(listener);
    return () => {
      const at = this.#listeners?.indexOf(listener) ?? -1;
      if (at >= 0) this.#listeners!.splice(at, 1);
    };
  }

  cancel(reason: unknown): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners ?? [];
    this.#listeners = undefined;
    for (const listener of listeners) listener(reason);
  }
}

/**
 * Call `listener` when a CancelToken is cancelled or an AbortSignal aborts (at once if it
 * already has); returns the unsubscribe. For APIs that take either.
 */
export function onCancelled(cancel: CancelToken | AbortSignal, listener: (reason: unknown) => void): () => void {
  if (!('addEventListener' in cancel)) return cancel.onCancel(listener);
  if (cancel.aborted) {
    listener(cancel.reason);
    return () => undefined;
  }
  const abort = (): void => listener(cancel.reason);
  cancel.addEventListener('abort', abort, { once: true });
  return () => cancel.removeEventListener('abort', abort);
}
