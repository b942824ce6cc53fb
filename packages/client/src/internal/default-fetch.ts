/**
 * The client's transport when no `fetch` is passed, outside Node (browsers, workers, edge
 * runtimes): the platform `fetch`. The package's `#default-fetch` import picks
 * `default-fetch.node.ts` under the `node` condition instead.
 */
import type { FetchLike } from '../options.js';

/** Looked up per call, so a `fetch` patched after the client was built is still used. */
export function defaultFetch(): FetchLike {
  return (input, init) => globalThis.fetch(input, init);
}
