/**
 * Date formatting for decoder hot paths. `Date.prototype.toISOString` allocates a `Date` and
 * is one of the most expensive calls a decoder makes per value; these build the same text
 * from epoch milliseconds with integer arithmetic. Internal: users import decoders.
 */

const MS_PER_DAY = 86_400_000;

/** Two-digit zero-padded text of 0-99. */
const TWO = /* @__PURE__ */ Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

// The date part of the last day formatted: the values of one uplink (profiles, batches)
// mostly share a day, and the calendar arithmetic costs more than the rest.
let lastDays = Number.NaN;
let lastDate = '';

/** `Date#toISOString`, for what the fast path does not cover (throws RangeError when invalid). */
function viaDate(ms: number, zone: boolean): string {
  const text = new Date(ms).toISOString();
  return zone ? text : text.slice(0, -1);
}

/**
 * The text `new Date(ms).toISOString()` gives (`YYYY-MM-DDTHH:MM:SS.sssZ`), or the same without
 * the trailing `Z` when `zone` is false (the local-time form some vendors print). Times outside
 * years 0000-9999 and invalid times take the `Date` path (extended years, RangeError).
 */
export function isoFromEpochMs(ms: number, zone = true): string {
  if (!Number.isInteger(ms)) return viaDate(ms, zone);
  const days = Math.floor(ms / MS_PER_DAY);
  if (days !== lastDays) {
    // The calendar date of a day count since 1970-01-01 (proleptic Gregorian, H. Hinnant's
    // algorithm), inline: this runs once per day formatted.
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
    );
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    if (!(y >= 0 && y <= 9999)) return viaDate(ms, zone);
    lastDate = `${`${y}`.padStart(4, '0')}-${TWO[m]}-${TWO[doy - Math.floor((153 * mp + 2) / 5) + 1]}T`;
    lastDays = days;
  }
  const rest = ms - days * MS_PER_DAY;
  const millis = rest % 1000;
  const frac = millis >= 100 ? '' : millis >= 10 ? '0' : '00';
  return `${lastDate}${TWO[Math.floor(rest / 3_600_000)]}:${TWO[Math.floor(rest / 60_000) % 60]}:${TWO[Math.floor(rest / 1000) % 60]}.${frac}${millis}${zone ? 'Z' : ''}`;
}
