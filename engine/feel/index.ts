/** FEEL: compile once at deploy time, evaluate many times with only the referenced variables. */
export { compileFeel } from './compile-feel.js';
export type { FeelExpression, FeelResult, FeelFailureCode, VariableLookup } from './feel-expression.js';
