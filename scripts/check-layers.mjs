#!/usr/bin/env node
// Checks the layering of ../shared/DESIGN.md on every import in the source folders:
//   nothing imports server/; connectors/ never imports engine/; models/ imports neither
//   engine/ nor connectors/; core/ imports no other project folder.
// Exits 1 listing every violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const layers = ['core', 'models', 'connectors', 'engine', 'server'];
/** What each layer may import (besides itself and packages). */
const allowed = {
  core: [],
  models: ['core'],
  connectors: ['core', 'models'],
  engine: ['core', 'models', 'connectors'],
  server: ['core', 'models', 'connectors', 'engine'],
  test: ['core', 'models', 'connectors', 'engine', 'server'],
  bench: ['core', 'models', 'connectors', 'engine', 'server'],
};
const importPattern = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) yield path;
  }
}

const violations = [];
for (const layer of Object.keys(allowed)) {
  const dir = join(root, layer);
  try { statSync(dir); } catch { continue; }
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1] ?? match[2];
      if (!spec.startsWith('.')) continue;
      const target = relative(root, resolve(dirname(file), spec)).split(sep)[0];
      if (target === layer || !layers.includes(target)) continue;
      if (!allowed[layer].includes(target)) {
        violations.push(`${relative(root, file)}: ${layer}/ may not import ${target}/ ('${spec}')`);
      }
    }
  }
}

if (violations.length > 0) {
  console.error(`Layer check failed (see ../shared/DESIGN.md "Layers"):\n  ${violations.join('\n  ')}`);
  process.exit(1);
}
console.log('layer check: ok');
