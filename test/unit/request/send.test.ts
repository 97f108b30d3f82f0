import { lastValueFrom, of, toArray, type Observable } from 'rxjs';
import { InvalidJsonError } from '../../../src/errors/invalid-json-error';
import type { HttpEvent, ResponseEvent } from '../../../src/request/http-event';
import type { HttpHandler } from '../../../src/request/interceptor';
import { RegistryRequest } from '../../../src/request/registry-request';
import { receive, send, sendWithProgress } from '../../../src/request/send';

const url = 'http://127.0.0.1:4873/rxjs';
const body = Buffer.from('{"name":"rxjs"}', 'utf8');
const response: ResponseEvent = { type: 'response', url, statusCode: 200, headers: { 'content-type': 'application/json' }, body };
const events: HttpEvent[] = [
  { type: 'upload-progress', loaded: 5, total: 10 },
  { type: 'headers', statusCode: 200, headers: response.headers },
  { type: 'download-progress', loaded: 15, total: 15 },
  { type: 'upload-progress', loaded: 10, total: 10 },
  response,
];

/** A handler that answers every request with `answer`, and remembers what it was handed. */
function handlerOf(answer: HttpEvent[]): HttpHandler & { handed: RegistryRequest[] } {
  const handed: RegistryRequest[] = [];
  return Object.assign((req: RegistryRequest) => (handed.push(req), of(...answer)), { handed });
}

function all<T>(values: Observable<T>): Promise<T[]> {
  return lastValueFrom(values.pipe(toArray()));
}

const get = new RegistryRequest({ method: 'GET', url });
const put = new RegistryRequest({ method: 'PUT', url, reportProgress: true });
const parsed = { data: { name: 'rxjs' }, raw: '{"name":"rxjs"}', statusCode: 200, headers: response.headers, cacheStatus: 'skip' };

describe('send', () => {
  it('hands the request to the chain as it is and emits only the parsed response', async () => {
    const handle = handlerOf(events);
    expect(await all(send(handle, put, []))).toEqual([parsed]);
    expect(handle.handed).toEqual([put]);
  });

  it('masks the secrets in the text of an error', async () => {
    const leaky: ResponseEvent = { ...response, body: Buffer.from('not json, token npm_SECRET', 'utf8') };
    const error: unknown = await all(send(handlerOf([leaky]), get, ['npm_SECRET'])).catch((e: unknown) => e);
    if (!(error instanceof InvalidJsonError)) throw new Error(`expected an InvalidJsonError, got ${String(error)}`);
    expect(error.body).toContain('not json, token');
    expect(`${error.message} ${error.body}`).not.toContain('npm_SECRET');
  });
});

describe('sendWithProgress', () => {
  it('emits upload progress before the response when the request asks for it', async () => {
    expect(await all(sendWithProgress(handlerOf(events), put, []))).toEqual([
      { type: 'progress', loaded: 5, total: 10 },
      { type: 'progress', loaded: 10, total: 10 },
      parsed,
    ]);
  });

  it('emits only the response when the request does not ask for progress', async () => {
    expect(await all(sendWithProgress(handlerOf(events), get, []))).toEqual([parsed]);
  });
});

describe('receive', () => {
  it('keeps the bytes of the body beside the parsed response', async () => {
    const [received] = await all(receive(handlerOf(events), get, []));
    expect(received.response).toEqual(parsed);
    expect(received.body).toBe(body);
  });
});
