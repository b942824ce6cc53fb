/** Smart Data Model entities to put into a testkit for the data audit. */

/** A valid normalized WeatherObserved observed at `at`, near Sundsvall. */
export function weatherObserved(i: number, at: string): Record<string, unknown> {
  return {
    id: `urn:ngsi-ld:WeatherObserved:seed-${i}`,
    type: 'WeatherObserved',
    dateObserved: { type: 'Property', value: at },
    temperature: { type: 'Property', value: -3 + (i % 10) },
    relativeHumidity: { type: 'Property', value: 0.8 },
    atmosphericPressure: { type: 'Property', value: 1008 },
    location: {
      type: 'GeoProperty',
      value: { type: 'Point', coordinates: [17.3 + (i % 100) / 1000, 62.39] },
    },
  };
}

/** Upserts `count` WeatherObserved entities into a broker, 1 000 per request. */
export async function seedWeather(brokerUrl: string, count: number, at: string): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) batch.push(weatherObserved(i, at));
    const res = await fetch(`${brokerUrl}/ngsi-ld/v1/entityOperations/upsert`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (res.status !== 201 && res.status !== 204)
      throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
}
