/** The shared kernel: the few types every layer speaks. It imports nothing of the project. */
export { WeftError, isWeftError } from './weft-error.js';
export type { WeftErrorOptions } from './weft-error.js';
export { systemClock, ManualClock } from './clock.js';
export type { Clock } from './clock.js';
export { cloneJson, isJsonObject } from './json.js';
export type { JsonValue, JsonObject, JsonPrimitive } from './json.js';
export { Cancellation, onCancelled } from './cancellation.js';
export { workerFile } from './worker-file.js';
export { ChurnMap } from './churn-map.js';
export type { CancelToken } from './cancellation.js';
