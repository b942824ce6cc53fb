/**
 * Decoders of the compact text the generated location tables are stored in
 * (scripts/generate-geo-tables.ts writes it). Short strings of small numbers compress far better
 * than array literals of decimal numbers, and the tables are decoded once, on first use.
 *
 * Digits are the 89 characters from `#` to `~` without the quote `'`, the backslash and the
 * backtick, so the text needs no escapes in a string literal. A number is one digit below 88,
 * or `~` followed by three digits (most significant first). Signed numbers are zigzag-mapped
 * (0, -1, 1, -2, 2, ... as 0, 1, 2, 3, 4, ...).
 */

const BASE = 89;
const ESCAPE = 88;

/**
 * Reads the numbers of an encoded string in order: `unsigned()` and `signed()` give the next one,
 * `done()` says whether the text is used up. Closures, which minify smaller than a class.
 */
function numberReader(text: string) {
  let i = 0;
  const digit = (): number => {
    const c = text.charCodeAt(i++);
    return c - 35 - (c > 39 ? 1 : 0) - (c > 92 ? 1 : 0) - (c > 96 ? 1 : 0);
  };
  const unsigned = (): number => {
    const d = digit();
    return d < ESCAPE ? d : (digit() * BASE + digit()) * BASE + digit();
  };
  return {
    done: () => i >= text.length,
    unsigned,
    signed: (): number => {
      const z = unsigned();
      return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    },
  };
}

/**
 * Decodes rings of positions in hundredths of a degree, each position the (signed) difference
 * from the previous one, carried across rings, from (0, 0) at the start. Returns each ring as a
 * flat `[lon, lat, lon, lat, ...]` list in degrees.
 */
export function decodeRings(rings: readonly string[]): number[][] {
  let x = 0;
  let y = 0;
  return rings.map((text) => {
    const r = numberReader(text);
    const out: number[] = [];
    while (!r.done()) {
      x += r.signed();
      y += r.signed();
      // Division, not multiplication by 0.01: k / 100 is the double nearest to the decimal.
      out.push(x / 100, y / 100);
    }
    return out;
  });
}

/** Country boxes and the names that stand for each country, as the location rules use them. */
export interface DecodedCountries {
  /** Per ISO 3166-1 alpha-2 code, `[minLon, minLat, maxLon, maxLat]` boxes. */
  readonly boxes: Record<string, number[][]>;
  /** Lower-case, accent-free names and alpha-3 codes, to alpha-2. */
  readonly aliases: Record<string, string>;
}

/**
 * Decodes one entry per country: its alpha-2 code, its boxes (each the corner
 * `(minLon + 180, minLat + 90)` and the width and height, in half degrees), then a space and
 * the country's names, separated by `|`.
 */
export function decodeCountries(entries: readonly string[]): DecodedCountries {
  const boxes: Record<string, number[][]> = {};
  const aliases: Record<string, string> = {};
  for (const entry of entries) {
    const code = entry.slice(0, 2);
    const space = entry.indexOf(' ');
    const r = numberReader(entry.slice(2, space < 0 ? undefined : space));
    const list: number[][] = [];
    while (!r.done()) {
      const x = r.unsigned() / 2 - 180;
      const y = r.unsigned() / 2 - 90;
      list.push([x, y, x + r.unsigned() / 2, y + r.unsigned() / 2]);
    }
    boxes[code] = list;
    if (space >= 0) for (const name of entry.slice(space + 1).split('|')) aliases[name] = code;
  }
  return { boxes, aliases };
}
