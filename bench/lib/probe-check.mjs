// Before timing, each target runs a few instances and must end with the scenario's
// expected variables — so every engine is measured doing the same work.

/** Throw unless every expected variable is present with the same value (numbers to 1e-9). */
export function checkProbe(actual, expected, what) {
  for (const [name, want] of Object.entries(expected)) {
    const got = actual?.[name];
    const same = typeof want === 'number' && typeof got === 'number' ? Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)) : JSON.stringify(got) === JSON.stringify(want);
    if (!same) throw new Error(`${what}: variable '${name}' is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
}
