import { WeftError, isJsonObject } from '../../core/index.js';
import type { JsonObject, JsonValue } from '../../core/index.js';
import { compileFeel } from '../feel/index.js';
import type { FeelExpression } from '../feel/index.js';

/**
 * The task headers Camunda's connector runtime reads: `resultVariable`,
 * `resultExpression`, `errorExpression`. The compiler already checked and compiled the
 * FEEL ones at deployment; compileFeel hands back that same compiled expression.
 */
function expressionOf(header: string, text: string): FeelExpression {
  const source = text.startsWith('=') ? text.slice(1) : text;
  try {
    return compileFeel(source);
  } catch (error) {
    throw new WeftError('CONNECTOR_EXPRESSION_INVALID', `task header ${header} is not valid FEEL: ${(error as Error).message}`, { cause: error });
  }
}

/** Evaluate a header expression over a context; failures are WeftErrors naming the header. */
export function evaluateHeader(header: string, text: string, context: JsonObject): JsonValue {
  const result = expressionOf(header, text).evaluate((name) => context[name]);
  if (!result.ok) {
    throw new WeftError('CONNECTOR_EXPRESSION_FAILED', `task header ${header} failed: ${result.message}`, { details: { header, code: result.code } });
  }
  return result.value;
}

/** What resultVariable and resultExpression make of a connector response. */
export function resultVariables(headers: Readonly<Record<string, string>>, response: JsonValue): JsonObject {
  const variables: JsonObject = {};
  if (headers.resultVariable) variables[headers.resultVariable] = response;
  const expression = headers.resultExpression;
  if (expression && expression.trim() !== '' && expression.trim() !== '=') {
    // The expression sees `response`, and the response's own fields at the top level.
    const context: JsonObject = isJsonObject(response) ? { ...response, response } : { response };
    const mapped = evaluateHeader('resultExpression', expression, context);
    if (mapped !== null && !isJsonObject(mapped)) {
      throw new WeftError('CONNECTOR_EXPRESSION_FAILED', `task header resultExpression must produce a context, got ${JSON.stringify(mapped)}`);
    }
    if (mapped) Object.assign(variables, mapped);
  }
  return variables;
}
