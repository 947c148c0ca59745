import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEEL_ERROR_CODES } from '../../../engine/feel/index.js';

describe('FEEL error codes', () => {
  const doc = readFileSync(new URL('../../../docs/errors/feel.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);

  it('are each documented in docs/errors/feel.md, and nothing else is', () => {
    expect([...documented].sort()).toEqual([...FEEL_ERROR_CODES].sort());
  });

  it('are each used somewhere in engine/feel', () => {
    const read = (dir: string): string[] =>
      readdirSync(new URL(`../../../${dir}/`, import.meta.url), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? entry.name === 'generated' ? [] : read(`${dir}/${entry.name}`)
          : [readFileSync(new URL(`../../../${dir}/${entry.name}`, import.meta.url), 'utf8')],
      );
    const source = read('engine/feel')
      .filter((text) => !text.includes('export const FEEL_ERROR_CODES'))
      .join('\n');
    for (const code of FEEL_ERROR_CODES) expect(source, code).toContain(`'${code}'`);
  });
});
