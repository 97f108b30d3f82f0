import { isObject } from './is-object';
import { unparsePerson } from './unparse-person';

/** Whether npm takes an object for a person: a name, and at most an email and a url besides (or a trusted publisher). */
function looksLikePerson(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  if (keys.length > 3 || !value.name) return false;
  return (
    keys.length === 1 ||
    (keys.length === 3 && Boolean(value.email) && Boolean(value.url)) ||
    (keys.length === 2 && Boolean(value.email || value.url)) ||
    Boolean(value.trustedPublisher)
  );
}

/**
 * Writes the people in a field value as text, as npm's `view` does before
 * printing: a person object becomes `name <email> (url)`, in the value itself
 * or in arrays (at any depth), but not inside other objects.
 *
 * @example
 * peopleAsText([{ name: 'ada', email: 'ada@example.test' }]) // ['ada <ada@example.test>']
 */
export function peopleAsText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(peopleAsText);
  return isObject(value) && looksLikePerson(value) ? unparsePerson(value) : value;
}
