const MASK = '***';

/** A URL with any user name, password or token-like query value removed. */
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
