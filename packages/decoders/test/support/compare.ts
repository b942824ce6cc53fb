/**
 * Deep comparison for decoded payloads against reference outputs: numbers match
 * within a small tolerance (reference decoders round differently), everything
 * else exactly. Returns the JSON paths that differ.
 */
export interface CompareOptions {
  /** Compare only the keys present in `want` (recursively). */
  partial?: boolean;
  /** Top-level keys of `want` to skip (documented known issues in the fixture). */
  ignore?: readonly string[];
}

const TOLERANCE = 1e-6;

function numbersMatch(got: number, want: number): boolean {
  if (Object.is(got, want)) return true;
  return Math.abs(got - want) <= TOLERANCE * Math.max(1, Math.abs(want));
}

export function diffDecoded(
  got: unknown,
  want: unknown,
  options: CompareOptions = {},
  path = '$',
): string[] {
  if (typeof want === 'number') {
    return typeof got === 'number' && numbersMatch(got, want)
      ? []
      : [`${path}: got ${JSON.stringify(got)}, want ${want}`];
  }
  if (want === null || typeof want !== 'object') {
    return got === want
      ? []
      : [`${path}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`];
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) {
      return [`${path}: got ${JSON.stringify(got)}, want array of ${want.length}`];
    }
    return want.flatMap((w, i) => diffDecoded(got[i], w, options, `${path}[${i}]`));
  }
  if (got === null || typeof got !== 'object' || Array.isArray(got)) {
    return [`${path}: got ${JSON.stringify(got)}, want an object`];
  }
  const g = got as Record<string, unknown>;
  const w = want as Record<string, unknown>;
  const ignore = path === '$' ? (options.ignore ?? []) : [];
  const out: string[] = [];
  for (const key of Object.keys(w)) {
    if (ignore.includes(key)) continue;
    if (!Object.hasOwn(g, key)) {
      out.push(`${path}.${key}: missing`);
      continue;
    }
    out.push(...diffDecoded(g[key], w[key], options, `${path}.${key}`));
  }
  if (!options.partial) {
    for (const key of Object.keys(g)) {
      if (!Object.hasOwn(w, key)) out.push(`${path}.${key}: unexpected key`);
    }
  }
  return out;
}
