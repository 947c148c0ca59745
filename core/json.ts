/** JSON values as stored in variables, job payloads and history. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value (plain objects, arrays, primitives): cheaper than structuredClone for these. */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    // `out.__proto__ = …` would set the prototype, not a key named __proto__.
    if (key === '__proto__') Object.defineProperty(out, key, { value: cloneJson(value[key]!), enumerable: true, writable: true, configurable: true });
    else out[key] = cloneJson(value[key]!);
  }
  return out as T;
}
