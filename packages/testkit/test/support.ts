import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterEach, beforeEach } from 'vitest';

/** A fresh broker per test, closed afterwards. */
export function useBroker(options: Parameters<typeof startBroker>[0] = {}): {
  readonly broker: Broker;
} {
  const holder: { broker?: Broker | undefined } = {};
  beforeEach(async () => {
    holder.broker = await startBroker(options);
  });
  afterEach(async () => {
    await holder.broker?.close();
    holder.broker = undefined;
  });
  return {
    get broker(): Broker {
      if (!holder.broker) throw new Error('broker not started');
      return holder.broker;
    },
  };
}

/** Answer of {@link call}. */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** One request to the broker; `body` objects are sent as JSON. */
export async function call(
  broker: Broker,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(`${broker.url}/ngsi-ld/v1${path}`, init);
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** A small normalized entity. */
export function room(
  n: number,
  temperature = 20,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: `urn:ngsi-ld:Room:${n}`,
    type: 'Room',
    temperature: { type: 'Property', value: temperature },
    ...extra,
  };
}
