/**
 * Types only: the decoded `data` type of every device id, so that `decode('elsys/ers', ...)`
 * is typed without loading any decoder. `import type` keeps vendor code out of the bundle.
 */
import type { DeviceDecoder } from './types.js';
import type { decoders as abeeway } from './vendors/abeeway.js';
import type { decoders as adeunis } from './vendors/adeunis.js';
import type { decoders as axioma } from './vendors/axioma.js';
import type { decoders as browan } from './vendors/browan.js';
import type { decoders as decentlab } from './vendors/decentlab.js';
import type { decoders as dragino } from './vendors/dragino.js';
import type { decoders as elsys } from './vendors/elsys.js';
import type { decoders as imbuildings } from './vendors/imbuildings.js';
import type { decoders as kamstrup } from './vendors/kamstrup.js';
import type { decoders as milesight } from './vendors/milesight.js';
import type { decoders as netvox } from './vendors/netvox.js';
import type { decoders as sensative } from './vendors/sensative.js';
import type { decoders as sensefarm } from './vendors/sensefarm.js';
import type { decoders as sensingLabs } from './vendors/sensing-labs.js';
import type { decoders as talkpool } from './vendors/talkpool.js';
import type { decoders as tektelic } from './vendors/tektelic.js';
import type { decoders as vega } from './vendors/vega.js';
import type { decoders as watteco } from './vendors/watteco.js';

type AllDecoders = typeof abeeway &
  typeof adeunis &
  typeof axioma &
  typeof browan &
  typeof decentlab &
  typeof dragino &
  typeof elsys &
  typeof imbuildings &
  typeof kamstrup &
  typeof milesight &
  typeof netvox &
  typeof sensative &
  typeof sensefarm &
  typeof sensingLabs &
  typeof talkpool &
  typeof tektelic &
  typeof vega &
  typeof watteco;

/**
 * The decoded `data` type of each supported device id.
 *
 * @example
 * ```ts
 * import type { DecoderOutputs } from '@smartcitylab/decoders';
 * type Ers = DecoderOutputs['elsys/ers']; // ElsysData: { temperature?: number; humidity?: number; ... }
 * ```
 */
export type DecoderOutputs = {
  [Id in keyof AllDecoders]: AllDecoders[Id] extends DeviceDecoder<infer T> ? T : never;
};

/**
 * A supported device id, e.g. `'elsys/ers'`.
 *
 * @example
 * ```ts
 * import type { DeviceId } from '@smartcitylab/decoders';
 * const id: DeviceId = 'milesight-iot/am307';
 * ```
 */
export type DeviceId = keyof DecoderOutputs & string;

/**
 * The decoded `data` type for a device id: the decoder's own type for a known id literal,
 * `unknown` for any other string (an id only known at run time).
 *
 * @example
 * ```ts
 * import type { DecodedData } from '@smartcitylab/decoders';
 * type T = DecodedData<'browan/tbhh100'>; // { status: number; battery: number; temperature: number; humidity: number }
 * ```
 */
export type DecodedData<Id extends string> = Id extends DeviceId ? DecoderOutputs[Id] : unknown;
