import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) yield path;
  }
}

/** Every code given literally to a WeftError (or a subclass's super call) in the source. */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /(?:new \w*Error|super)\(\s*['"]([A-Z][A-Z0-9_]{2,})['"]/g;
  for (const folder of ['core', 'models', 'connectors', 'engine', 'server']) {
    let dir: string;
    try {
      dir = join(root, folder);
      statSync(dir);
    } catch {
      continue;
    }
    for (const file of sources(dir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) found.set(match[1]!, file.slice(root.length));
    }
  }
  return found;
}

function documentedCodes(): Set<string> {
  const docs = join(root, 'docs/errors');
  const text = readdirSync(docs).map((f) => readFileSync(join(docs, f), 'utf8')).join('\n');
  // A code is documented as `CODE` in a table or text, or as a `## CODE` heading.
  return new Set([...text.matchAll(/`([A-Z][A-Z0-9_]{2,})`|^#+\s+([A-Z][A-Z0-9_]{2,})\s*$/gm)].map((m) => (m[1] ?? m[2])!));
}

describe('error code registry', () => {
  it('documents every WeftError code under docs/errors/', () => {
    const documented = documentedCodes();
    const missing = [...codesInSource()].filter(([code]) => !documented.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('finds the codes it checks (the scan works)', () => {
    const codes = codesInSource();
    expect(codes.has('VARIABLE_TOO_LARGE')).toBe(true);
    expect(codes.has('JOB_NOT_FOUND')).toBe(true);
  });
});
