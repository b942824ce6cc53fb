/** Parsing of the hex payloads people paste from network-server consoles. */

/** Bytes read from a hex string, or why it could not be read. */
export type HexResult = { success: true; data: Uint8Array } | { success: false; message: string };

/**
 * Reads a LoRaWAN payload written in hex: `0100e2`, `01 00 E2`, `0x01,0x00,0xe2` or
 * `01:00:e2`. Never throws; an odd digit count or a non-hex character gives a message
 * naming the offending position.
 *
 * @example
 * ```ts
 * parseHex('01 00 e2'); // { success: true, data: Uint8Array [1, 0, 226] }
 * ```
 */
export function parseHex(text: string): HexResult {
  const digits = text.replace(/0x/gi, '').replace(/[\s,:;-]/g, '');
  if (digits === '') return { success: false, message: 'Paste a payload in hex, e.g. 0100e20229.' };
  const bad = digits.search(/[^0-9a-f]/i);
  if (bad >= 0) {
    return {
      success: false,
      message: `"${digits[bad]}" at hex digit ${bad + 1} is not a hex digit (0-9, a-f).`,
    };
  }
  if (digits.length % 2 !== 0) {
    return {
      success: false,
      message: `${digits.length} hex digits is an odd count; every byte needs two digits.`,
    };
  }
  const data = new Uint8Array(digits.length / 2);
  for (let i = 0; i < data.length; i++)
    data[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { success: true, data };
}
