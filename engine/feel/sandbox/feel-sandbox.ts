import type IsolatedVM from 'isolated-vm';
import { WeftError } from '../../../core/index.js';
import type { JsonValue } from '../../../core/index.js';
import type { FeelFailureCode } from '../feel-expression.js';
import { FEEL_SANDBOX_SOURCE } from '../generated/feelin-sandbox.js';
import { loadIsolatedVm } from './sandbox-availability.js';

/** Budgets of one guarded evaluation. */
export interface FeelSandboxSettings {
  /** Wall-clock budget per evaluation, in milliseconds. */
  readonly timeoutMs: number;
  /** Heap limit of the shared isolate, in MB (isolated-vm's minimum is 8). */
  readonly memoryLimitMb: number;
}

/** What a sandboxed run produced; failure messages do not yet name the expression. */
export type FeelSandboxOutcome =
  | { readonly ok: true; readonly value: JsonValue; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly code: FeelFailureCode; readonly message: string };

type Evaluate = (source: string, contextJson: string) => string;

interface LiveSandbox {
  readonly isolate: IsolatedVM.Isolate;
  readonly evaluate: IsolatedVM.Reference<Evaluate>;
}

let settings: FeelSandboxSettings = { timeoutMs: 100, memoryLimitMb: 64 };
let live: LiveSandbox | undefined;
let started = 0;

/**
 * Change the sandbox budgets (defaults: 100 ms, 64 MB) and return the settings now in
 * force. A new memory limit takes effect with a fresh isolate.
 * @throws WeftError FEEL_SANDBOX_OPTIONS_INVALID for a non-positive timeout or a limit below 8 MB.
 */
export function configureFeelSandbox(options: Partial<FeelSandboxSettings>): FeelSandboxSettings {
  const next = { ...settings, ...options };
  if (!Number.isFinite(next.timeoutMs) || next.timeoutMs <= 0 || !Number.isFinite(next.memoryLimitMb) || next.memoryLimitMb < 8) {
    throw new WeftError('FEEL_SANDBOX_OPTIONS_INVALID', 'FEEL sandbox needs timeoutMs > 0 and memoryLimitMb ≥ 8', {
      details: { timeoutMs: next.timeoutMs, memoryLimitMb: next.memoryLimitMb },
    });
  }
  if (next.memoryLimitMb !== settings.memoryLimitMb) disposeFeelSandbox();
  settings = next;
  return settings;
}

/** Facts about the shared isolate, for health checks and tests. */
export function feelSandboxStatus(): { readonly running: boolean; readonly isolatesStarted: number } & FeelSandboxSettings {
  return { running: live !== undefined && !live.isolate.isDisposed, isolatesStarted: started, ...settings };
}

/** Dispose the shared isolate (graceful shutdown); the next guarded evaluation starts a new one. */
export function disposeFeelSandbox(): void {
  if (live !== undefined && !live.isolate.isDisposed) live.isolate.dispose();
  live = undefined;
}

function start(): LiveSandbox {
  const ivm = loadIsolatedVm();
  const isolate = new ivm.Isolate({ memoryLimit: settings.memoryLimitMb });
  try {
    const context = isolate.createContextSync();
    isolate.compileScriptSync(FEEL_SANDBOX_SOURCE, { filename: 'weft-feel-sandbox.js' }).runSync(context, { timeout: 10_000 });
    const evaluate = context.global.getSync('__weftFeelEvaluate', { reference: true }) as IsolatedVM.Reference<Evaluate>;
    started++;
    return { isolate, evaluate };
  } catch (error) {
    isolate.dispose();
    throw error;
  }
}

/**
 * Evaluate `source` in the shared isolate with `context` copied in as JSON. Never throws:
 * the budgets running out, the isolate dying and the sandbox failing to start all come
 * back as failures, and the next call gets a working isolate.
 */
export function evaluateInSandbox(source: string, context: Readonly<Record<string, JsonValue>>): FeelSandboxOutcome {
  let sandbox: LiveSandbox;
  try {
    if (live === undefined || live.isolate.isDisposed) live = start();
    sandbox = live;
  } catch (error) {
    live = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'FEEL_EVALUATION_FAILED', message: `the FEEL sandbox is unavailable: ${reason}` };
  }
  const { timeoutMs, memoryLimitMb } = settings;
  const input = JSON.stringify(context);
  try {
    const output = sandbox.evaluate.applySync(undefined, [source, input], {
      timeout: timeoutMs,
      arguments: { copy: true },
      result: { copy: true },
    });
    const outcome = JSON.parse(output) as { ok: true; value: JsonValue; warnings: string[] } | { ok: false; message: string };
    return outcome.ok ? outcome : { ok: false, code: 'FEEL_EVALUATION_FAILED', message: outcome.message };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (sandbox.isolate.isDisposed || /memory limit/i.test(reason)) {
      live = undefined;
      return { ok: false, code: 'FEEL_MEMORY_LIMIT', message: `exceeded the sandbox memory limit of ${memoryLimitMb} MB` };
    }
    if (/timed out/i.test(reason)) {
      // isolated-vm stops the script and leaves the isolate usable: keep it
      return { ok: false, code: 'FEEL_TIMEOUT', message: `exceeded the time budget of ${timeoutMs} ms` };
    }
    // Unknown state: start afresh next time rather than trust this isolate again.
    disposeFeelSandbox();
    return { ok: false, code: 'FEEL_EVALUATION_FAILED', message: `the FEEL sandbox failed: ${reason}` };
  }
}
