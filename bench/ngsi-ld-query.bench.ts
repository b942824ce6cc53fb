/**
 * Side-by-side benchmark for @smartcitylab/ngsi-ld query parsing and SWEREF 99 conversion.
 *
 *   node --conditions=@smartcitylab/source --import tsx bench/ngsi-ld-query.bench.ts
 *
 * 1. `parseQuery` on typical q strings, reported as ns per character, and on 100k-character
 *    hostile strings; the ratio hostile/typical per character shows the parser stays linear.
 *    `JSON.parse` of a same-length string is printed as a baseline for a linear scanner.
 * 2. `wgs84ToSweref` / `swerefToWgs84` against calling proj4 directly with the same
 *    definition (the reference); the ratio is the wrapper's overhead.
 */
import { evaluateQuery, parseQuery } from '@smartcitylab/ngsi-ld';
import { swerefProjection, swerefToWgs84, wgs84ToSweref } from '@smartcitylab/ngsi-ld/geo';
import proj4 from 'proj4';

function measure(fn: () => void, minMs = 300): number {
  const warm = performance.now();
  while (performance.now() - warm < minMs / 3) fn(); // warm-up until the JIT settles
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 20; i++) fn();
    runs += 20;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1e6) / runs; // ns per call
}

const swallow = (text: string) => (): void => {
  try {
    parseQuery(text);
  } catch {
    // hostile inputs are expected to be rejected
  }
};

const typical = [
  'temperature>20',
  'availableSpotNumber>0;occupancy==0.1..0.8',
  '(A==1;B==1)|(A==3;B==1)',
  'name~="(?i)^stor";address[addressLocality]=="Boden";refOperator=="urn:ngsi-ld:Organization:boden"',
  'observedAt>2024-01-01T00:00:00Z;status=="open","closed","unknown";!deprecated',
];

console.log('q parsing');
const perCharTypical: number[] = [];
for (const text of typical) {
  const ns = measure(swallow(text));
  perCharTypical.push(ns / text.length);
  console.log(
    `  ${text.slice(0, 60).padEnd(60)} ${(1e9 / ns).toFixed(0).padStart(9)} ops/s  ${(ns / text.length).toFixed(1).padStart(6)} ns/char`,
  );
}

// The median is the reference: short strings carry a fixed per-call cost.
const typicalNsPerChar = [...perCharTypical].sort((a, b) => a - b)[2] as number;
console.log(`  median ${typicalNsPerChar.toFixed(1)} ns/char`);

const N = 100_000;
const hostile: [string, string][] = [
  ['many terms', 'a==1;'.repeat(N / 5).slice(0, -1)],
  ['open parentheses', '('.repeat(N)],
  ['quotes', '"'.repeat(N)],
  ['escaped unterminated string', `a=="${'\\"'.repeat(N / 2)}`],
  ['long bare value', `a==${'x'.repeat(N)}`],
  ['long value list', `a==${'1,'.repeat(N / 2)}1`],
  ['long pattern', `a~="${'(a+)+'.repeat(N / 5)}"`],
  ['dotted path', 'a.'.repeat(N / 2)],
];
const jsonBaseline = JSON.stringify('x'.repeat(N - 2));
const jsonNs = measure(() => JSON.parse(jsonBaseline), 200);
console.log(
  `\n  hostile inputs (${N} chars); reference JSON.parse of a ${N}-char string: ${(jsonNs / N).toFixed(2)} ns/char`,
);
for (const [name, text] of hostile) {
  const ns = measure(swallow(text), 200);
  const perChar = ns / text.length;
  console.log(
    `  ${name.padEnd(30)} ${(ns / 1e6).toFixed(2).padStart(8)} ms/parse  ${perChar.toFixed(2).padStart(6)} ns/char  ` +
      `ratio vs typical ${(perChar / typicalNsPerChar).toFixed(2)}x  vs JSON.parse ${(perChar / (jsonNs / N)).toFixed(1)}x`,
  );
}

const entity = {
  id: 'urn:ngsi-ld:OffStreetParking:1',
  type: 'OffStreetParking',
  availableSpotNumber: { type: 'Property', value: 12 },
  name: { type: 'Property', value: 'Storgatan P-hus' },
  address: { type: 'Property', value: { addressLocality: 'Boden' } },
};
const ast = parseQuery(
  'availableSpotNumber>0;(name~="(?i)^stor"|address[addressLocality]=="Boden")',
);
const evalNs = measure(() => evaluateQuery(ast, entity));
console.log(`\n  evaluateQuery (parsed once): ${(1e9 / evalNs).toFixed(0)} entities/s`);

console.log('\nSWEREF 99 conversion (reference: proj4 called directly with the same definition)');
const points: [number, number][] = [];
for (let i = 0; i < 1000; i++)
  points.push([11 + (i % 100) * 0.13, 55.5 + Math.floor(i / 100) * 1.3]);
const direct = proj4(swerefProjection('TM').proj4, '+proj=longlat +datum=WGS84 +no_defs');
const projected = points.map(([lon, lat]) => direct.inverse([lon, lat]) as [number, number]);

const rows: [string, () => void, () => void][] = [
  [
    'WGS84 → SWEREF 99 TM, 1000 points',
    () => {
      for (const [lon, lat] of points) wgs84ToSweref({ latitude: lat, longitude: lon });
    },
    () => {
      for (const p of points) direct.inverse([p[0], p[1]]);
    },
  ],
  [
    'SWEREF 99 TM → WGS84, 1000 points',
    () => {
      for (const [e, n] of projected) swerefToWgs84({ northing: n, easting: e });
    },
    () => {
      for (const p of projected) direct.forward([p[0], p[1]]);
    },
  ],
  [
    'LineString of 1000 points → SWEREF',
    () => {
      wgs84ToSweref({ type: 'LineString', coordinates: points });
    },
    () => {
      points.map((p) => direct.inverse([p[0], p[1]]));
    },
  ],
];
// Warm proj4 and both call paths before anything is timed.
for (const [, ours, reference] of rows) {
  measure(ours, 150);
  measure(reference, 150);
}
// Each pair is measured twice, interleaved, and the faster run of each side is kept: on a
// shared machine this removes most of the noise from JIT warm-up and other processes.
for (const [name, ours, reference] of rows) {
  const a = Math.min(measure(ours), measure(ours, 200));
  const b = Math.min(measure(reference), measure(reference, 200));
  console.log(
    `  ${name.padEnd(36)} ours ${(a / 1000).toFixed(0).padStart(7)} ns/pt   proj4 ${(b / 1000).toFixed(0).padStart(7)} ns/pt   ratio ${(a / b).toFixed(2)}x`,
  );
}
