import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WeftError } from './weft-error.js';

/** The project's root when this module runs from its TypeScript source (core/ sits in it). */
const sourceRoot = new URL('../', import.meta.url);

/**
 * The compiled entry of a worker thread: `file` (a `.js` name) next to the module at
 * `moduleUrl`. Run from TypeScript sources (the test runner), that module is a `.ts` file
 * and a worker cannot be: the same file in dist/ is used then, and `code` is thrown (naming
 * `what`) when it has not been built.
 */
export function workerFile(moduleUrl: string, file: string, code: string, what: string): URL {
  const here = new URL(file, moduleUrl);
  if (!moduleUrl.endsWith('.ts')) return here;
  const built = new URL(`dist/${here.href.slice(sourceRoot.href.length)}`, sourceRoot);
  if (!existsSync(fileURLToPath(built))) {
    throw new WeftError(code, `${what} runs from the build: ${fileURLToPath(built)} is missing (npm run build)`);
  }
  return built;
}
