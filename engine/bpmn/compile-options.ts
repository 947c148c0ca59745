/**
 * Limits that keep a hostile or runaway file from costing more than a fair deployment.
 * Each one, when exceeded, refuses the file with the limit named in the message.
 */
export interface CompileOptions {
  /** Largest accepted file, in UTF-8 bytes. Default 4 MiB. */
  readonly maxBytes?: number;
  /** Most flow elements (tasks, events, gateways, sequence flows…) in the file. Default 10,000. */
  readonly maxFlowElements?: number;
  /** Deepest XML element nesting. Default 256. */
  readonly maxXmlDepth?: number;
  /** Deepest nesting of subprocesses inside each other. Default 64. */
  readonly maxSubprocessDepth?: number;
}

/** The options with every default filled in. */
export type CompileLimits = Required<CompileOptions>;

export const DEFAULT_COMPILE_LIMITS: CompileLimits = {
  maxBytes: 4 * 1024 * 1024,
  maxFlowElements: 10_000,
  maxXmlDepth: 256,
  maxSubprocessDepth: 64,
};

/** Fill in the defaults; a non-positive or non-integer limit falls back to its default. */
export function compileLimits(options: CompileOptions = {}): CompileLimits {
  const pick = (value: number | undefined, fallback: number): number =>
    value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
  return {
    maxBytes: pick(options.maxBytes, DEFAULT_COMPILE_LIMITS.maxBytes),
    maxFlowElements: pick(options.maxFlowElements, DEFAULT_COMPILE_LIMITS.maxFlowElements),
    maxXmlDepth: pick(options.maxXmlDepth, DEFAULT_COMPILE_LIMITS.maxXmlDepth),
    maxSubprocessDepth: pick(options.maxSubprocessDepth, DEFAULT_COMPILE_LIMITS.maxSubprocessDepth),
  };
}
