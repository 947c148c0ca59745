import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEPLOY_PROBLEM_CODES } from '../../../engine/bpmn/index.js';

describe('deployment problem codes', () => {
  const doc = readFileSync(new URL('../../../docs/errors/bpmn.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);

  it('are each documented in docs/errors/bpmn.md, and nothing else is', () => {
    expect([...documented].sort()).toEqual([...DEPLOY_PROBLEM_CODES].sort());
  });

  it('are each used somewhere in engine/bpmn or engine/time', async () => {
    const { readdirSync } = await import('node:fs');
    const source = ['engine/bpmn', 'engine/time']
      .flatMap((dir) => readdirSync(new URL(`../../../${dir}/`, import.meta.url)).map((f) => readFileSync(new URL(`../../../${dir}/${f}`, import.meta.url), 'utf8')))
      .join('\n')
      .replace(/export const DEPLOY_PROBLEM_CODES = \[[\s\S]*?\] as const;/, '');
    for (const code of DEPLOY_PROBLEM_CODES) expect(source, code).toContain(`'${code}'`);
  });
});
