const MASK = '***';

/** A URL with any user name, password, token-like query value or revoked token (logout's path) removed. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username || parsed.password) {
    parsed.username = MASK;
    parsed.password = '';
  }
  // Logout names the token it revokes in its path: `DELETE /-/user/token/<token>`.
  parsed.pathname = parsed.pathname.replace(/\/-\/user\/token\/[^/]+/, `/-/user/token/${MASK}`);
  for (const name of [...parsed.searchParams.keys()]) {
    if (/token|auth|password|secret|otp/i.test(name)) parsed.searchParams.set(name, MASK);
  }
  return parsed.toString();
}

/**
 * Replaces every known secret in a text with `***`. Secrets shorter than four
 * characters are left alone: masking them would garble ordinary words.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(MASK);
  }
  return out;
}
