import type { JsonObject, JsonValue } from '../../core/index.js';
import { isJsonObject } from '../../core/index.js';

/**
 * Read an input by its Modeler target name (`authentication.type`). Zeebe turns such a
 * target into nested variables (`{authentication: {type}}`); a flat key with the dots is
 * accepted too, so both engines' shapes work.
 */
export function readPath(variables: JsonObject, path: string): JsonValue | undefined {
  if (path in variables) return variables[path];
  for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
    const head = variables[path.slice(0, dot)];
    if (isJsonObject(head)) {
      const found = readPath(head, path.slice(dot + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
