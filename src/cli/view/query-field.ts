import { APPEND, emptyBracketsError, parseFieldPath } from './parse-field-path';

export interface QueryOptions {
  /** Print-mode habit of npm: an array of zero or one item stands for that item (or for nothing). JSON mode keeps arrays. */
  readonly unwrapSingleItemArrays: boolean;
}

/** `value[key]` as JavaScript reads it (a string's `length` too), for any value but null and undefined. */
function propertyOf(value: unknown, key: string): unknown {
  return value === null || value === undefined ? undefined : Reflect.get(Object(value), key);
}

/**
 * Looks up one field argument of `npm view` in a document, as npm does. The
 * answer maps a label to a value: usually `{ [field]: value }`; but a name
 * after an array (`maintainers.email`) spreads over its items, labelled
 * `maintainers[0].email`, `maintainers[1].email`… (npm joins the names before
 * the array without dots, and ignores any names after the spread). A missing
 * property gives `undefined`.
 *
 * @example
 * queryField({ dist: { tarball: 'http://…' } }, 'dist.tarball', { unwrapSingleItemArrays: true }) // { 'dist.tarball': 'http://…' }
 */
export function queryField(doc: object, field: string, { unwrapSingleItemArrays }: QueryOptions): Record<string, unknown> | undefined {
  let data: unknown = doc;
  let label = '';

  for (const step of parseFieldPath(field)) {
    if (step === APPEND) throw emptyBracketsError();

    if (Array.isArray(data) && !Number.isInteger(Number(step))) {
      const spread: Record<string, unknown> = {};
      data.forEach((item: unknown, index) => {
        spread[`${label}[${index}].${step}`] = propertyOf(item, step);
      });
      return spread;
    }

    // Strings have own properties too (`version.length`), as in npm; null and undefined have none.
    if (data === null || data === undefined || !Object.hasOwn(Object(data), step)) return undefined;
    data = propertyOf(data, step);
    label += step;
  }

  if (unwrapSingleItemArrays && Array.isArray(data) && data.length <= 1) data = data[0];
  return { [field]: data };
}
