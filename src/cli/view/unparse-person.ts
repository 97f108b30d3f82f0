/** A person as npm writes one: `name <email> (url)`, leaving out what is missing. */
export function unparsePerson(person: { readonly name?: unknown; readonly email?: unknown; readonly url?: unknown }): string {
  const email = person.email ? ` <${String(person.email)}>` : '';
  const url = person.url ? ` (${String(person.url)})` : '';
  return `${String(person.name)}${email}${url}`;
}
