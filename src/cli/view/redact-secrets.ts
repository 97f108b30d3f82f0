const REPLACEMENT = '***';

const NPM_SECRET = /\b(npms?_)[a-zA-Z0-9]{36,48}\b/gi;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

const escapeRegExp = (text: string) => text.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');

/** A value as it may appear in text: percent-encoded, decoded, or as given. */
function anySpelling(value: string): string {
  const spellings = new Set([encodeURIComponent(value), decodeURIComponent(value), value]);
  return `(${[...spellings].map(escapeRegExp).join('|')})`;
}

function redactUrlPassword(word: string): string {
  try {
    const url = new URL(word);
    if (!url.password) return word;
    const pattern = new RegExp(`(^${anySpelling(url.protocol)}//${anySpelling(url.username)}:)${anySpelling(url.password)}`);
    return word.replace(pattern, `$1${REPLACEMENT}`);
  } catch {
    // Not a URL, or one whose parts do not decode: nothing to hide.
    return word;
  }
}

function redactWord(word: string): string {
  if (!word) return word;
  return redactUrlPassword(word).replace(NPM_SECRET, `npm_${REPLACEMENT}`).replace(UUID, REPLACEMENT);
}

/**
 * Hides what npm hides in everything it prints: the password of a URL, npm
 * tokens and UUIDs, looked for word by word (words end at whitespace or `=`,
 * as npm splits them). npm applies this to `view` output too, so a UUID in a
 * description prints as `***`.
 *
 * @example
 * redactSecrets('see http://ada:hunter2@127.0.0.1/') // 'see http://ada:***@127.0.0.1/'
 */
export function redactSecrets(text: string): string {
  let result = '';
  let start = 0;
  for (const match of text.matchAll(/[\s=]/g)) {
    result += redactWord(text.slice(start, match.index)) + match[0];
    start = match.index + match[0].length;
  }
  return result + redactWord(text.slice(start));
}
