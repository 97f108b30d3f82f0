import { redactSecrets } from './redact-secrets';
import { stripControlChars } from './strip-control-chars';

/**
 * What npm writes to stdout for one piece of output: control characters made
 * visible, secrets hidden (not for JSON, which npm redacts before encoding),
 * and every line ended with `\n` (a `\r\n` in the text becomes `\n`).
 */
export function printedText(text: string, { redact }: { redact: boolean }): string {
  let safe = stripControlChars(text);
  if (redact) safe = redactSecrets(safe);
  return safe
    .split(/\r?\n/)
    .map((line) => `${line}\n`)
    .join('');
}
