/** What the sample buttons of the playground paste. */

/** An air-quality reading from Sundsvall in keyValues form, with one implausible value. */
export function sampleEntity(now: Date = new Date()): Record<string, unknown> {
  return {
    id: 'urn:ngsi-ld:AirQualityObserved:sundsvall-esplanaden',
    type: 'AirQualityObserved',
    dateObserved: new Date(now.getTime() - 15 * 60_000).toISOString(),
    location: { type: 'Point', coordinates: [17.3063, 62.3908] },
    no2: 22.5,
    pm10: 14,
    temperature: 180,
    relativeHumidity: 0.71,
  };
}

/** Elsys ERS room sensor: 22.6 °C and 41 % relative humidity. */
export const SAMPLE_DEVICE = 'elsys/ers';
/** The payload of {@link SAMPLE_DEVICE}, as a network-server console shows it. */
export const SAMPLE_PAYLOAD_HEX = '01 00 e2 02 29';
