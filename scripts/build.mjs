#!/usr/bin/env node
// Builds Weft into dist/: generated bundles first (scripts/build-*.mjs), then tsc.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const step of readdirSync(join(root, 'scripts')).filter((f) => /^build-.+\.mjs$/.test(f)).sort()) {
  execFileSync(process.execPath, [join(root, 'scripts', step)], { stdio: 'inherit' });
}
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
// tsc does not copy generated JavaScript or JSON resources: mirror them into dist/.
for (const dir of ['engine/feel/generated', 'models/migrations/sql', 'connectors/schemas']) {
  const from = join(root, dir);
  if (existsSync(from)) cpSync(from, join(root, 'dist', dir), { recursive: true });
}
