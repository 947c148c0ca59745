// Result tables: plain text for the terminal, Markdown for bench/RESULTS.md.

const fmt = {
  rate: (r) => (r.ok ? Math.round(r.throughput).toLocaleString('en-US') : '—'),
  ms: (v) => (v === undefined || Number.isNaN(v) ? '—' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')),
  mb: (v) => (v === undefined ? '—' : Math.round(v).toString()),
  pct: (v) => (v === undefined ? '—' : `${Math.round(v)}`),
  load: (v) => (v === undefined ? '—' : v.toFixed(1)),
};

/** Short remarks on a result: failures, errors, a window that never reached steady state. */
export function notes(r) {
  if (r.skipped) return `skipped: ${r.skipped}`;
  if (!r.ok) return `FAILED: ${r.error}`;
  const out = [];
  if (r.budgetExceeded) out.push(`time budget (${Math.round(r.budgetMs / 1000)} s) ran out: window ${(r.windowMs / 1000).toFixed(1)} s †`);
  else if (!r.steady) out.push('not steady †');
  if (r.errors) out.push(`${r.errors} errors (${r.firstError})`);
  if (r.stuck) out.push(`STUCK: ${r.stuck} instances never completed`);
  if (r.throughputs?.length > 1) out.push(`runs: ${r.throughputs.map((t) => Math.round(t)).join(' / ')}`);
  if (r.otherBuild) out.push(`ran on dist/ built ${r.otherBuild.slice(11, 19)} UTC`);
  if (r.failedRuns) out.push(`${r.failedRuns} of ${r.repeats} runs FAILED: ${r.failure}`);
  return out.join('; ');
}

const columns = [
  ['scenario', (r) => r.scenario, 'l'],
  ['conc.', (r) => String(r.concurrency), 'r'],
  ['PI/s', fmt.rate, 'r'],
  ['p50 ms', (r) => fmt.ms(r.latency?.p50), 'r'],
  ['p99 ms', (r) => fmt.ms(r.latency?.p99), 'r'],
  ['peak RSS MB', (r) => fmt.mb(r.maxRssMb), 'r'],
  ['CPU %', (r) => fmt.pct(r.cpuPercent), 'r'],
  ['n', (r) => (r.ok ? String(r.completed) : '—'), 'r'],
  ['load', (r) => fmt.load(r.loadBefore), 'r'],
  ['notes', notes, 'l'],
];

/** One suite's results as an aligned text table. */
export function textTable(results) {
  const rows = results.map((r) => columns.map(([, get]) => get(r)));
  const widths = columns.map(([head], i) => Math.max(head.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (columns[i][2] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns.map(([head]) => head)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** One suite's results as a Markdown table. */
export function markdownTable(results) {
  const head = `| ${columns.map(([h]) => h).join(' | ')} |`;
  const rule = `|${columns.map(([, , align]) => (align === 'r' ? '---:' : ':---')).join('|')}|`;
  const rows = results.map((r) => `| ${columns.map(([, get]) => get(r).replace(/\|/g, '\\|')).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

/** The issue #2 target: ≥ 3,000 completed PI/s for scenario b, durable (weft-fsync). */
export function targetVerdict(results, goal = 3000) {
  const b = results.filter((r) => r.suite === 'weft-fsync' && r.scenarioId === 'b' && r.ok);
  if (b.length === 0) return undefined;
  const best = b.reduce((x, y) => (y.throughput > x.throughput ? y : x));
  return {
    goal,
    met: best.throughput >= goal,
    best,
    text:
      `Target (issue #2): ≥ ${goal.toLocaleString('en-US')} completed PI/s for (b) durable — ${best.throughput >= goal ? 'MET' : 'NOT MET'}: ` +
      `best ${Math.round(best.throughput).toLocaleString('en-US')} PI/s at concurrency ${best.concurrency} (${Math.round((100 * best.throughput) / goal)} % of the goal; ` +
      `concurrencies measured: ${b.map((r) => r.concurrency).join(', ')}).`,
  };
}
