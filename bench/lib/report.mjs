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
  if (r.checkFailures) out.push(`${r.checkFailures} of ${r.repeats} runs had a count MISMATCH`);
  if (r.errorRuns) out.push(`${r.errorRuns} of ${r.repeats} runs had errors`);
  return out.join('; ');
}

/** What the check against the server's own count says, when it is worth saying. */
function checkNote(check) {
  if (!check) return undefined;
  if (!check.ok) return `MISMATCH: the server did ${check.served.toLocaleString('en-US')}, the client counted ${check.answered.toLocaleString('en-US')}`;
  // HTTP load: requests cut off in flight when the load stopped may have done their work.
  if (check.connections > 0) return `server count ${check.served.toLocaleString('en-US')} = 200s + ${check.cutOff} cut off at stop`;
  // Closed loop against an upstream: how many TLS connections served it (keep-alive at work).
  if (check.upstreamConnections !== undefined) return `${check.served.toLocaleString('en-US')} requests over ${check.upstreamConnections} TLS connections`;
  return undefined;
}

/**
 * The columns of a suite's table. `suite.rate` names the throughput unit (default PI/s);
 * `suite.peer` names an extra CPU column: the other process of the case (the upstream
 * server, or the load generator).
 */
function columnsFor(suite = {}) {
  return [
    ['scenario', (r) => r.scenario, 'l'],
    ['conc.', (r) => String(r.concurrency), 'r'],
    [suite.rate ?? 'PI/s', fmt.rate, 'r'],
    ['p50 ms', (r) => fmt.ms(r.latency?.p50), 'r'],
    ['p99 ms', (r) => fmt.ms(r.latency?.p99), 'r'],
    ['peak RSS MB', (r) => fmt.mb(r.maxRssMb), 'r'],
    ['CPU %', (r) => fmt.pct(r.cpuPercent), 'r'],
    ...(suite.peer ? [[suite.peer, (r) => fmt.pct(r.peerCpuPercent), 'r']] : []),
    ['n', (r) => (r.ok ? String(r.completed) : '—'), 'r'],
    ['load', (r) => fmt.load(r.loadBefore), 'r'],
    ['notes', (r) => [notes(r), r.ok ? checkNote(r.check) : undefined].filter(Boolean).join('; '), 'l'],
  ];
}

/** One suite's results as an aligned text table. */
export function textTable(results, suite) {
  const columns = columnsFor(suite);
  const rows = results.map((r) => columns.map(([, get]) => get(r)));
  const widths = columns.map(([head], i) => Math.max(head.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (columns[i][2] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns.map(([head]) => head)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** One suite's results as a Markdown table. */
export function markdownTable(results, suite) {
  const columns = columnsFor(suite);
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

/**
 * A group's subject beside its baseline (suites.mjs `groups`), per scenario and
 * concurrency: both rates, subject ÷ baseline, both latencies.
 */
export function comparison(results, group) {
  const rows = [];
  for (const subject of results.filter((r) => r.suite === group.subject)) {
    const baseline = results.find((r) => r.suite === group.baseline && r.scenarioId === subject.scenarioId && r.concurrency === subject.concurrency);
    const ratio = subject.ok && baseline?.ok ? subject.throughput / baseline.throughput : undefined;
    rows.push({ scenario: subject.scenario, concurrency: subject.concurrency, subject, baseline, ratio });
  }
  return rows;
}

/** The comparison as a Markdown table (`text`: aligned for the terminal instead). */
export function comparisonTable(rows, group, { text = false } = {}) {
  const lat = (r) => (r?.ok ? `${fmt.ms(r.latency.p50)} / ${fmt.ms(r.latency.p99)}` : '—');
  const head = ['scenario', 'conc.', group.subjectLabel, group.baselineLabel, `${group.subjectName} ÷ ${group.baselineName}`, `${group.subjectName} p50 / p99 ms`, `${group.baselineName} p50 / p99 ms`];
  const body = rows.map((row) => [
    row.scenario,
    String(row.concurrency),
    fmt.rate(row.subject),
    row.baseline ? fmt.rate(row.baseline) : '—',
    row.ratio === undefined ? '—' : `${Math.round(100 * row.ratio)} %`,
    lat(row.subject),
    lat(row.baseline),
  ]);
  if (text) {
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
  }
  return [`| ${head.join(' | ')} |`, `|:---|${head.slice(1).map(() => '---:').join('|')}|`, ...body.map((b) => `| ${b.join(' | ')} |`)].join('\n');
}

/**
 * A group's goal (suites.mjs): `ratio` — the subject reaches this share of the baseline at
 * every concurrency measured; `rate` — the subject's best rate reaches this many per second.
 * `scenario`, when set, is the only scenario the goal is about.
 */
export function groupVerdict(results, group) {
  const { scenario } = group.goal;
  const rows = comparison(results, group).filter((row) => row.subject.ok && (scenario === undefined || row.subject.scenarioId === scenario));
  if (rows.length === 0) return undefined;
  const { goal } = group;
  const n = (v) => Math.round(v).toLocaleString('en-US');
  if (goal.ratio !== undefined) {
    const measured = rows.filter((row) => row.ratio !== undefined);
    if (measured.length === 0) return undefined;
    const met = measured.every((row) => row.ratio >= goal.ratio);
    const parts = measured.map((row) => `${Math.round(100 * row.ratio)} % at c=${row.concurrency} (${n(row.subject.throughput)} vs ${n(row.baseline.throughput)})`);
    return { met, text: `Target (issue #${goal.issue}): ${goal.text} — ${met ? 'MET' : 'NOT MET'}: ${parts.join('; ')}.` };
  }
  const best = rows.reduce((x, y) => (y.subject.throughput > x.subject.throughput ? y : x));
  const met = best.subject.throughput >= goal.rate;
  const beside = best.baseline?.ok ? `; ${group.baselineName} in the same run: ${n(best.baseline.throughput)}, so ${group.subjectName} = ${Math.round(100 * best.ratio)} % of it` : '';
  return {
    met,
    text: `Target (issue #${goal.issue}): ${goal.text} — ${met ? 'MET' : 'NOT MET'}: best ${n(best.subject.throughput)}/s at c=${best.concurrency} (${Math.round((100 * best.subject.throughput) / goal.rate)} % of the goal${beside}; concurrencies measured: ${rows.map((r) => r.concurrency).join(', ')}).`,
  };
}
