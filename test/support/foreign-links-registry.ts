import { sendJson, startServer, type TestServer } from './start-server';

/** A registry whose account answers send the client on to another origin, and that other origin. */
export interface ForeignLinksRegistry {
  /** The registry the client is configured with: `urls.next` and `doneUrl` point at `elsewhere`. */
  readonly registry: TestServer;
  /** The registry's URL (`registry.url`), for whatever takes a registry. */
  readonly url: string;
  /** Another origin (a second loopback server on its own port): every request that reached it, and the token it would hand out. */
  readonly elsewhere: TestServer;
  readonly elsewhereToken: string;
  close(): Promise<void>;
}

/**
 * Two loopback servers. The registry answers `GET /-/npm/v1/tokens` with one
 * token and a `urls.next` on the other server, and `POST /-/v1/login` with a
 * `doneUrl` there; the other server would answer both as a registry does
 * (another page, a finished login with its own token), so only a client
 * that follows the links would get anything from it.
 */
export async function startForeignLinksRegistry(): Promise<ForeignLinksRegistry> {
  const elsewhereToken = 'npm_token_chosen_by_the_other_host';
  const elsewhere = await startServer((req, res) =>
    req.url?.startsWith('/-/v1/done') ? sendJson(res, 200, { token: elsewhereToken }) : sendJson(res, 200, { objects: [{ key: 'f'.repeat(32), token: 'npm_fo' }], urls: { next: null } }),
  );
  const registry = await startServer((req, res) => {
    if (req.method === 'POST' && req.url === '/-/v1/login') return sendJson(res, 200, { loginUrl: `${registry.url}login/cli/abc`, doneUrl: `${elsewhere.url}-/v1/done?sessionId=abc` });
    if (req.method === 'GET' && req.url === '/-/npm/v1/tokens') {
      return sendJson(res, 200, { objects: [{ key: 'a'.repeat(32), token: 'npm_ab', name: 'mine', created: '2026-01-02T03:04:05.000Z' }], urls: { next: `${elsewhere.url}-/npm/v1/tokens?page=1` } });
    }
    return sendJson(res, 404, { error: 'Not found' });
  });
  return {
    registry,
    url: registry.url,
    elsewhere,
    elsewhereToken,
    close: async () => {
      await registry.close();
      await elsewhere.close();
    },
  };
}
