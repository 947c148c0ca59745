// Hot spots of a V8 CPU profile (.cpuprofile, as written by `node --cpu-prof`).
import { readFileSync } from 'node:fs';

/** Where a call frame lives, shortened: `dist/engine/…`, `kysely/…`, `node:…`. */
function place(url) {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  // A package's own dist/ (kysely/dist/esm/…) is the package, not Weft's dist/.
  if (path.includes('/node_modules/')) return path.replace(/^.*\/node_modules\//, '');
  return path.replace(/^.*\/(dist|bench)\//, '$1/');
}

/** The package or area a frame belongs to: a dist/ folder, an npm package, node internals, or V8. */
function area(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const p = place(url);
  if (p.startsWith('dist/')) return p.split('/').slice(0, 3).join('/');
  if (p.startsWith('node:')) return 'node internals';
  if (url.includes('/node_modules/')) return p.startsWith('@') ? p.split('/').slice(0, 2).join('/') : p.split('/')[0];
  return p;
}

/**
 * Self time per function and per area, and total (inclusive) time of Weft's own functions
 * (dist/), as shares of all samples.
 * @returns {{ totalMs: number, functions: {name: string, share: number}[], areas: {name: string, share: number}[], inclusive: {name: string, share: number}[] }}
 */
export function hotSpots(path, limit = 20) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + dt);
    total += dt;
  });
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const keyOf = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'}${url ? ` ${place(url)}:${lineNumber + 1}` : ''}`;
  };
  // Inclusive: each sample counts once for every distinct dist/ function on its stack.
  const inclusive = new Map();
  for (const [id, time] of selfByNode) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const node = nodes.get(at);
      if (!place(node.callFrame.url).startsWith('dist/')) continue;
      const key = keyOf(node);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + time);
    }
  }
  const byFunction = new Map();
  const byArea = new Map();
  for (const [id, time] of selfByNode) {
    const { functionName, url } = nodes.get(id).callFrame;
    const fn = keyOf(nodes.get(id));
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + time);
    const a = area(url, functionName || '(anonymous)');
    byArea.set(a, (byArea.get(a) ?? 0) + time);
  }
  const top = (map) => [...map].sort((x, y) => y[1] - x[1]).slice(0, limit).map(([name, t]) => ({ name, share: t / total }));
  return { totalMs: total / 1000, functions: top(byFunction), areas: top(byArea), inclusive: top(inclusive) };
}

/** Print hot spots as two short lists. */
export function formatHotSpots({ totalMs, functions, areas, inclusive }, limit = 15) {
  const pct = (s) => `${(100 * s).toFixed(1).padStart(5)} %`;
  return [
    `  ${Math.round(totalMs)} ms sampled. Self time by area:`,
    ...areas.slice(0, 10).map((a) => `    ${pct(a.share)}  ${a.name}`),
    '  Self time by function:',
    ...functions.slice(0, limit).map((f) => `    ${pct(f.share)}  ${f.name}`),
    '  Total (inclusive) time of Weft functions:',
    ...inclusive.slice(0, limit).map((f) => `    ${pct(f.share)}  ${f.name}`),
  ].join('\n');
}

// `node bench/lib/cpu-profile.mjs FILE.cpuprofile [N]` prints the hot spots of any profile.
if (import.meta.url === `file://${process.argv[1]}`) {
  const limit = Number(process.argv[3] ?? 25);
  console.log(formatHotSpots(hotSpots(process.argv[2], limit), limit));
}
