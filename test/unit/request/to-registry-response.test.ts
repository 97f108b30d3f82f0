import { InvalidJsonError } from '../../../src/errors/invalid-json-error';
import { RegistryError } from '../../../src/errors/registry-error';
import type { ResponseEvent } from '../../../src/request/http-event';
import { RegistryRequest } from '../../../src/request/registry-request';
import { toRegistryResponse } from '../../../src/request/to-registry-response';

const req = new RegistryRequest({ method: 'GET', url: 'http://127.0.0.1:4873/rxjs', pkgid: 'rxjs' });

function response(statusCode: number, body: string, headers: Record<string, string> = {}): ResponseEvent {
  return { type: 'response', url: req.url, statusCode, headers, body: Buffer.from(body, 'utf8') };
}

function invalidJsonErrorOf(request: RegistryRequest, res: ResponseEvent): InvalidJsonError {
  try {
    toRegistryResponse(request, res);
  } catch (error) {
    if (error instanceof InvalidJsonError) return error;
    throw error;
  }
  throw new Error('expected toRegistryResponse to throw an InvalidJsonError');
}

describe('toRegistryResponse', () => {
  it('parses a JSON body and keeps its text, status and headers', () => {
    const body = '{"name":"rxjs","dist-tags":{"latest":"7.8.2"}}';
    const headers = { 'content-type': 'application/json', etag: '"abc"' };
    expect(toRegistryResponse(req, response(200, body, headers))).toEqual({
      data: { name: 'rxjs', 'dist-tags': { latest: '7.8.2' } },
      raw: body,
      statusCode: 200,
      headers,
      cacheStatus: 'skip',
    });
  });

  it('parses JSON strings, numbers and arrays too', () => {
    expect(toRegistryResponse(req, response(200, '"7.8.2"')).data).toBe('7.8.2');
    expect(toRegistryResponse(req, response(200, '[1,2]')).data).toEqual([1, 2]);
  });

  it.each(['', '   \n'])('gives data null for an empty body (%p)', (body) => {
    expect(toRegistryResponse(req, response(201, body))).toMatchObject({ data: null, raw: body, statusCode: 201 });
  });

  it('gives data null and no text for a 304, whatever its body', () => {
    expect(toRegistryResponse(req, response(304, 'stale bytes'))).toMatchObject({ data: null, raw: '', statusCode: 304, cacheStatus: 'skip' });
  });

  it('marks the response as not from the cache', () => {
    expect(toRegistryResponse(req, response(200, '{}')).cacheStatus).toBe('skip');
  });

  it('keeps an HTML redirect page (seen with nofollow) as raw text with data null', () => {
    const page = '<html><a href="/elsewhere">Moved</a></html>';
    const res = toRegistryResponse(req, response(301, page, { location: '/elsewhere' }));
    expect(res).toMatchObject({ statusCode: 301, data: null, raw: page });
  });

  it('masks known secrets in the text of a body that is not JSON', () => {
    let caught: unknown;
    try {
      toRegistryResponse(req, response(502, '<p>proxy saw token npm_SECRET-TOKEN-123</p>'), 'skip', ['npm_SECRET-TOKEN-123']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidJsonError);
    expect((caught as InvalidJsonError).body).toBe('<p>proxy saw token ***</p>');
    expect((caught as InvalidJsonError).message).not.toContain('SECRET-TOKEN');
  });

  describe('a body that is not JSON', () => {
    const html = '<html><body>Gateway says hello</body></html>';
    const error = invalidJsonErrorOf(req, response(200, html));

    it('is an InvalidJsonError with code EJSONPARSE', () => {
      expect(error).toBeInstanceOf(RegistryError);
      expect(error.code).toBe('EJSONPARSE');
      expect(error.name).toBe('InvalidJsonError');
    });

    it('carries the raw text and what was asked', () => {
      expect(error.body).toBe(html);
      expect(error.statusCode).toBe(200);
      expect(error.method).toBe('GET');
      expect(error.url).toBe('http://127.0.0.1:4873/rxjs');
      expect(error.pkgid).toBe('rxjs');
    });

    it('says so in its message', () => {
      expect(error.message).toBe(`GET http://127.0.0.1:4873/rxjs answered 200 with a body that is not JSON: ${JSON.stringify(html)}`);
    });

    it('shows only the start of a long body in the message, and keeps all of it in body', () => {
      const long = `<html>${'x'.repeat(1000)}</html>`;
      const truncated = invalidJsonErrorOf(req, response(502, long));
      expect(truncated.body).toBe(long);
      expect(truncated.message).toContain(JSON.stringify(`${long.slice(0, 200)}…`));
      expect(truncated.message).not.toContain('x'.repeat(250));
    });

    it('names the URL without its credentials', () => {
      const withUser = new RegistryRequest({ method: 'GET', url: 'http://ada:hunter2-pw@127.0.0.1:4873/rxjs' });
      const redacted = invalidJsonErrorOf(withUser, response(200, 'oops'));
      expect(redacted.url).toBe('http://***@127.0.0.1:4873/rxjs');
      expect(redacted.message).not.toContain('hunter2-pw');
    });
  });
});
