import { startVerdaccio, type LocalRegistry } from '../../../src/verdaccio/start-verdaccio';

export type { LocalRegistry };
export { startVerdaccio };

/** Creates a user on the registry and returns their token (Verdaccio answers 201 { token }). */
export async function addUser(registry: string, name: string, password = `${name}-password`): Promise<string> {
  const res = await fetch(new URL(`-/user/org.couchdb.user:${name}`, registry), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, email: `${name}@example.com`, type: 'user', roles: [] }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 201 || !body.token) throw new Error(`adding ${name} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** The registry's document of a package, read directly (not through the CLI). */
export async function packumentOf(registry: string, name: string): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(new URL(name.replace('/', '%2f'), registry));
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
