/**
 * The one place `@smartcitylab/ngsi-ld/geo` touches proj4. proj4 does work at module scope, so a
 * bundler keeps `import proj4` in any file it includes; kept here, in a file (and a build chunk)
 * of its own with nothing else in it, it is dropped together with this file when only the
 * proj4-free helpers (`checkCoordinates`, `SWEDEN_BBOX`, `swerefProjection`) are imported.
 */
import proj4 from 'proj4';

/** A forward (`from` → `to`) and inverse coordinate transformation. */
export interface Proj4Converter {
  forward(point: number[]): number[];
  inverse(point: number[]): number[];
}

/** Builds a proj4 converter between two proj4 definition strings. */
export function proj4Converter(from: string, to: string): Proj4Converter {
  return proj4(from, to);
}
