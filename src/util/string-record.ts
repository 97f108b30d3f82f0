import { ownRecord } from './own-record';

/** The own properties of a parsed JSON object whose values are strings (a roster, a permission list); anything else is left out. */
export function stringRecord(data: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(ownRecord(data)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
