import { RegistryRequest } from '../../../src/request/registry-request';

describe('RegistryRequest', () => {
  const base = new RegistryRequest({ method: 'get', url: 'http://127.0.0.1:1/rxjs', headers: { Accept: 'application/json' } });

  it('normalises the method and lower-cases header names', () => {
    expect(base.method).toBe('GET');
    expect(base.headers).toEqual({ accept: 'application/json' });
  });

  it('is frozen, headers included', () => {
    expect(Object.isFrozen(base)).toBe(true);
    expect(Object.isFrozen(base.headers)).toBe(true);
    expect(() => {
      (base.headers as Record<string, string>).accept = 'text/html';
    }).toThrow(TypeError);
  });

  it('clone returns a changed copy and leaves the original alone', () => {
    const changed = base.clone({ setHeaders: { 'User-Agent': 'x' }, deleteHeaders: ['accept'], method: 'put', body: '"1.0.0"' });
    expect(changed).not.toBe(base);
    expect(changed.method).toBe('PUT');
    expect(changed.headers).toEqual({ 'user-agent': 'x' });
    expect(changed.body).toBe('"1.0.0"');
    expect(base.headers).toEqual({ accept: 'application/json' });
    expect(base.body).toBeUndefined();
  });

  it('treats everything but GET and HEAD as a write', () => {
    expect(base.isWrite).toBe(false);
    expect(base.clone({ method: 'HEAD' }).isWrite).toBe(false);
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH']) expect(base.clone({ method }).isWrite).toBe(true);
  });
});
