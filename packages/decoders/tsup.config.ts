import { defineConfig } from 'tsup';

const vendors = [
  'abeeway',
  'adeunis',
  'axioma',
  'browan',
  'decentlab',
  'dragino',
  'elsys',
  'imbuildings',
  'kamstrup',
  'milesight',
  'netvox',
  'sensative',
  'sensefarm',
  'sensing-labs',
  'talkpool',
  'tektelic',
  'vega',
  'watteco',
] as const;

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(vendors.map((v) => [v, `src/vendors/${v}.ts`])),
    envelopes: 'src/envelopes/index.ts',
    senml: 'src/senml/index.ts',
    lwm2m: 'src/lwm2m/index.ts',
    mapping: 'src/mapping/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  treeshake: true,
  splitting: true,
});
