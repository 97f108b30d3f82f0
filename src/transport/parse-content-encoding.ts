/**
 * The codings a Content-Encoding header lists, in the order the server
 * applied them (RFC 9110 §8.4): lower-cased, with `identity` and empty list
 * items dropped, so an empty list means the body is as it is. Repeated header
 * lines arrive joined with commas and read as one list.
 *
 * @example
 * parseContentEncoding('gzip, br'); // ['gzip', 'br']: undo br first, then gzip
 * parseContentEncoding('identity'); // []
 */
export function parseContentEncoding(value: string | undefined): string[] {
  if (!value) return [];
  const codings: string[] = [];
  for (const item of value.split(',')) {
    const coding = item.trim().toLowerCase();
    if (coding !== '' && coding !== 'identity') codings.push(coding);
  }
  return codings;
}
