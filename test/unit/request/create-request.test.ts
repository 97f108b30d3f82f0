import { Readable } from 'node:stream';
import { UsageError } from '../../../src/errors/usage-error';
import { createRequest } from '../../../src/request/create-request';

const urls = { registry: 'http://127.0.0.1:4873/npm/', scopeRegistries: new Map([['@acme', 'http://127.0.0.1:4874/acme/']]) };

describe('createRequest', () => {
  it('resolves the path against the registry and names the package it is about', () => {
    const req = createRequest(urls, 'get', '/rxjs/7.8.2');
    expect(req).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:4873/npm/rxjs/7.8.2', pkgid: 'rxjs', nofollow: false, body: undefined });
    expect(req.headers).toEqual({});
  });

  it('sends a scoped package to its scope’s registry and names it there too', () => {
    expect(createRequest(urls, 'GET', '/@acme%2fwidget')).toMatchObject({ url: 'http://127.0.0.1:4874/acme/@acme%2fwidget', pkgid: '@acme/widget' });
  });

  it('encodes the payload: an object as JSON, a stream as octet-stream', () => {
    const json = createRequest(urls, 'PUT', '/rxjs', { name: 'rxjs' });
    expect(json.body).toBe('{"name":"rxjs"}');
    expect(json.headers['content-type']).toBe('application/json');
    const stream = Readable.from(['bytes']);
    const streamed = createRequest(urls, 'PUT', '/rxjs/-/rxjs-1.0.0.tgz', stream);
    expect(streamed.body).toBe(stream);
    expect(streamed.headers['content-type']).toBe('application/octet-stream');
  });

  it('sends the etag as If-None-Match on a read and as If-Match on a write', () => {
    expect(createRequest(urls, 'GET', '/rxjs', undefined, '"abc"').headers).toEqual({ 'if-none-match': '"abc"' });
    expect(createRequest(urls, 'DELETE', '/rxjs/-rev/1-abc', undefined, '"abc"').headers).toEqual({ 'if-match': '"abc"' });
  });

  it('keeps `nofollow`', () => {
    expect(createRequest(urls, 'GET', '/rxjs', null, undefined, true).nofollow).toBe(true);
  });

  it('throws UsageError for a path that would leave the registry', () => {
    expect(() => createRequest(urls, 'GET', '\\\\127.0.0.2/rxjs')).toThrow(UsageError);
  });
});
