/**
 * The client's transport when no `fetch` is passed, on Node (the `node` condition of the
 * package's `#default-fetch` import): node:http with keep-alive sockets, which costs a
 * fraction of undici's CPU per request. Browsers never load this file.
 */
import type { FetchLike } from '../options.js';
import { createNodeFetch } from './node-fetch.js';

let shared: FetchLike | undefined;

/** One keep-alive pool for every client of the process, created on first use. */
export function defaultFetch(): FetchLike {
  // No cap on sockets per host, like the platform fetch; idle sockets do not keep Node alive.
  shared ??= createNodeFetch({ maxSockets: Number.POSITIVE_INFINITY });
  return shared;
}
