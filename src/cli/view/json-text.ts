import { printedText } from './printed-text';
import { redactSecrets } from './redact-secrets';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * How npm prints a `--json` result: nothing for a falsy value; otherwise
 * secrets redacted in its JSON text, then the value re-encoded with two-space
 * indentation and a final line break. (npm merges every JSON output of a
 * command into one value; an object with a `0` key is taken for an array on
 * the way, which this keeps.)
 *
 * @example
 * jsonText('1.0.0') // '"1.0.0"\n'
 */
export function jsonText(value: unknown): string {
  if (!value) return '';
  const redacted: unknown = JSON.parse(redactSecrets(JSON.stringify(value)));
  let merged = redacted;
  if (isPlainObject(redacted)) merged = Object.hasOwn(redacted, 0) ? Object.assign([], redacted) : { ...redacted };
  return printedText(JSON.stringify(merged, null, 2), { redact: false });
}
