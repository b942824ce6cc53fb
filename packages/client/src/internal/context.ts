/** `Link` header value pointing at a JSON-LD @context document. */
export function linkHeaderFor(url: string): string {
  return `<${url}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`;
}
