import { BadResponseError } from '../errors/bad-response-error';

/**
 * A URL the registry sent for the client to fetch next (a page's
 * `urls.next`, a web login's `doneUrl`), made absolute against the registry.
 * Such a link is followed only on the registry's own origin: one that points
 * elsewhere is EBADRESPONSE, and nothing is sent there, so neither the
 * credentials of the registry nor a token the other host hands back can
 * mix with the user's account.
 *
 * @example
 * registryLink('/-/npm/v1/tokens?page=2', 'http://127.0.0.1:4873/', 'urls.next') // 'http://127.0.0.1:4873/-/npm/v1/tokens?page=2'
 */
export function registryLink(link: unknown, registry: string, what: string): string {
  const origin = new URL(registry).origin;
  let url: URL | undefined;
  try {
    url = typeof link === 'string' && link !== '' ? new URL(link, registry) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new BadResponseError(`the registry sent a ${what} that is not an http(s) URL`, { body: { [what]: link } });
  if (url.origin !== origin) throw new BadResponseError(`the registry sent a ${what} on another host (${url.origin}), not ${origin}: it is not followed`, { url: origin });
  return url.toString();
}
