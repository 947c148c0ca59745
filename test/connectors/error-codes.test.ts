import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectorErrorCodes } from '../../connectors/index.js';

describe('connector error codes', () => {
  it('documents every code in docs/errors/connectors.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/errors/connectors.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^\| `?([A-Z_]+)`? \|/gm)].map((m) => m[1]));
    expect(connectorErrorCodes.filter((code) => !documented.has(code))).toEqual([]);
    expect([...documented].filter((code) => !(connectorErrorCodes as readonly string[]).includes(code))).toEqual([]);
  });

  it('raises only registered codes (every WeftError code literal in connectors/ is in the registry)', () => {
    const root = join(import.meta.dirname, '../../connectors');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(root);
    const raised = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new WeftError\(\s*'([A-Z_]+)'/g)) raised.add(m[1]);
    }
    expect([...raised].filter((code) => !(connectorErrorCodes as readonly string[]).includes(code))).toEqual([]);
  });
});
