import { BadResponseError } from '../../../src';
import { registryLink } from '../../../src/request/registry-link';

const registry = 'https://127.0.0.1/npm/';

describe('registryLink', () => {
  it.each([
    ['an absolute URL on the registry', 'https://127.0.0.1/npm/-/npm/v1/tokens?page=2', 'https://127.0.0.1/npm/-/npm/v1/tokens?page=2'],
    ['a path, read against the registry', '/-/npm/v1/tokens?page=2', 'https://127.0.0.1/-/npm/v1/tokens?page=2'],
    ['the registry’s host with its default port spelt out', 'https://127.0.0.1:443/-/v1/done', 'https://127.0.0.1/-/v1/done'],
  ])('follows %s', (_what, link, expected) => {
    expect(registryLink(link, registry, 'urls.next')).toBe(expected);
  });

  it.each([
    ['another host', 'https://127.0.0.2/-/v1/done'],
    ['another port', 'https://127.0.0.1:8443/-/v1/done'],
    ['another scheme', 'http://127.0.0.1/-/v1/done'],
    ['a protocol-relative URL to another host', '//127.0.0.2/-/v1/done'],
    ['a backslashed host', '\\\\127.0.0.2/-/v1/done'],
  ])('refuses %s with EBADRESPONSE', (_what, link) => {
    expect(() => registryLink(link, registry, 'doneUrl')).toThrow(BadResponseError);
    expect(() => registryLink(link, registry, 'doneUrl')).toThrow(/doneUrl on another host/);
  });

  it.each([['not a string', 42], ['empty', ''], ['not http(s)', 'file:///etc/passwd'], ['javascript', 'javascript:alert(1)']])('refuses a link that is %s', (_what, link) => {
    expect(() => registryLink(link, registry, 'urls.next')).toThrow(/urls.next that is not an http\(s\) URL/);
  });
});
