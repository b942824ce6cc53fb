/** Removes credentials from anything the kit records. */

const SECRET_PARAMS =
  /([?&](?:access_token|token|api[-_]?key|key|apikey|password|secret)=)[^&#\s]*/gi;
const AUTH_SCHEMES = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]{4,}/g;
const URL_USERINFO = /(\bhttps?:\/\/)[^/\s@]+@/gi;

/** Replaces every known secret, credential-looking query parameter and URL user info with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out
    .replace(SECRET_PARAMS, '$1***')
    .replace(AUTH_SCHEMES, '$1 ***')
    .replace(URL_USERINFO, '$1***@');
}
