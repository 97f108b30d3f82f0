import * as zlib from 'node:zlib';
import ssri from 'ssri';
import type { RegistryClientOptions } from '../src/config/registry-client-config';
import { DEFAULT_USER_AGENT } from '../src/config/user-agent';
import type { HttpEvent } from '../src/request/http-event';
import type { RegistryRequest } from '../src/request/registry-request';
import { send } from '../src/request/send';
import { TestingTransport } from '../src/testing';
import { ACCEPT_ENCODING } from '../src/transport/content-decoders';
import { json } from './support/http-events';
import { clientOf, marbleScheduler, OTHER_HOST, REGISTRY } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

type Send = (client: ReturnType<typeof clientOf>) => ReturnType<ReturnType<typeof clientOf>['request']>;

/** Sends one request through a client over a transport that answers 200, and returns the request the transport got. */
function sent(send: Send, settings: RegistryClientOptions = {}): RegistryRequest {
  let transportGot: readonly RegistryRequest[] = [];
  marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
    const answer = cold<HttpEvent>('-(r|)', { r: json(200, { ok: true }) });
    const answerSubs = '            ^!';
    const expected = '              -(v|)';
    const transport = scriptedTransport(answer);

    expectObservable(send(clientOf(transport, settings))).toBe(expected, { v: expect.objectContaining({ statusCode: 200, data: { ok: true } }) });
    expectSubscriptions(answer.subscriptions).toBe(answerSubs);

    flush();
    transportGot = transport.requests;
  });
  expect(transportGot).toHaveLength(1);
  return transportGot[0];
}

describe('request headers', () => {
  it('carry the default user-agent, a JSON accept and the codings the transport decodes', () => {
    const req = sent((client) => client.request('GET', '/rxjs'));
    expect(req.headers).toEqual({ 'user-agent': DEFAULT_USER_AGENT, accept: 'application/json', 'accept-encoding': ACCEPT_ENCODING });
    expect(DEFAULT_USER_AGENT).toMatch(/^rxnpm\/\S+ node\/v\d+\S* \S+ \S+$/);
  });

  it('ask for gzip, deflate and br, and zstd exactly where this Node can decode it', () => {
    const codings = ACCEPT_ENCODING.split(', ');
    expect(codings.slice(0, 3)).toEqual(['gzip', 'deflate', 'br']);
    expect(codings.includes('zstd')).toBe('createZstdDecompress' in zlib);
  });

  it('ask for compression on writes too: their answers are read', () => {
    expect(sent((client) => client.request('PUT', '/rxjs', { name: 'rxjs' })).headers['accept-encoding']).toBe(ACCEPT_ENCODING);
  });

  it('keep an accept-encoding the caller set', () => {
    const brOnly: Send = (client) => {
      const req = client.createRequest('GET', '/rxjs').clone({ setHeaders: { 'Accept-Encoding': 'br' } });
      return send((r) => client.handle(r), req, []);
    };
    expect(sent(brOnly).headers['accept-encoding']).toBe('br');
  });

  it('ask for a tarball as identity: it is gzip already, and its integrity is over the bytes as published', () => {
    const tarball = Buffer.from('a tarball');
    const manifest = { name: 'rxjs', version: '1.0.0', dist: { tarball: `${REGISTRY}rxjs/-/rxjs-1.0.0.tgz`, integrity: ssri.fromData(tarball).toString() } };
    let transportGot: readonly RegistryRequest[] = [];
    marbleScheduler().run(({ cold, expectObservable, flush }) => {
      const answer = cold('-r', { r: { body: tarball } });
      const expected = '   -(t|)';
      const transport = new TestingTransport({ failUnexpected: true });
      transport.expectOne('GET', manifest.dist.tarball).respondWith(answer);

      expectObservable(clientOf(transport).tarball(manifest)).toBe(expected, { t: tarball });

      flush();
      transportGot = transport.requests;
    });
    expect(transportGot.map((req) => req.headers['accept-encoding'])).toEqual(['identity']);
  });

  it('carry the configured user-agent instead', () => {
    expect(sent((client) => client.request('GET', '/rxjs'), { 'user-agent': 'marbles/1.0' }).headers['user-agent']).toBe('marbles/1.0');
  });

  it('carry an etag as If-None-Match on a GET', () => {
    const req = sent((client) => client.request('GET', '/rxjs', undefined, '"abc"'));
    expect(req.headers['if-none-match']).toBe('"abc"');
    expect(req.headers).not.toHaveProperty('if-match');
  });

  it('carry an etag as If-Match on a PUT', () => {
    const req = sent((client) => client.request('PUT', '/rxjs', { name: 'rxjs' }, '"abc"'));
    expect(req.headers['if-match']).toBe('"abc"');
    expect(req.headers).not.toHaveProperty('if-none-match');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.body).toBe('{"name":"rxjs"}');
  });

  it('carry the configured otp as npm-otp on writes', () => {
    for (const method of ['PUT', 'POST', 'DELETE']) {
      expect(sent((client) => client.request(method, '/rxjs', { name: 'rxjs' }), { otp: '123456' }).headers['npm-otp']).toBe('123456');
    }
  });

  it('never carry the otp on reads', () => {
    expect(sent((client) => client.request('GET', '/rxjs'), { otp: '123456' }).headers).not.toHaveProperty('npm-otp');
  });
});

describe('credentials per URL', () => {
  const settings = { '//127.0.0.1:4873/:_authToken': 'marble-token' };

  it('a //host:port/:_authToken gives Bearer auth on requests to that registry, reads included', () => {
    expect(sent((client) => client.request('GET', '/rxjs'), settings).headers.authorization).toBe('Bearer marble-token');
    expect(sent((client) => client.request('PUT', '/rxjs', {}), settings).headers.authorization).toBe('Bearer marble-token');
  });

  it('no credentials to another host', () => {
    expect(sent((client) => client.request('GET', `${OTHER_HOST}rxjs`), settings).headers).not.toHaveProperty('authorization');
    expect(sent((client) => client.request('PUT', `${OTHER_HOST}rxjs`, {}), settings).headers).not.toHaveProperty('authorization');
  });

  it('no credentials to another port of the same address', () => {
    expect(sent((client) => client.request('GET', 'http://127.0.0.1:4874/rxjs'), settings).headers).not.toHaveProperty('authorization');
  });

  it('default credentials go on writes to the registry, on reads only with always-auth', () => {
    const basic = { _auth: Buffer.from('ada:lovelace').toString('base64') };
    expect(sent((client) => client.request('PUT', '/rxjs', {}), basic).headers.authorization).toBe(`Basic ${basic._auth}`);
    expect(sent((client) => client.request('GET', '/rxjs'), basic).headers).not.toHaveProperty('authorization');
    expect(sent((client) => client.request('GET', '/rxjs'), { ...basic, 'always-auth': true }).headers.authorization).toBe(`Basic ${basic._auth}`);
    expect(sent((client) => client.request('PUT', `${OTHER_HOST}rxjs`, {}), basic).headers).not.toHaveProperty('authorization');
  });

  it('sends the request to the registry’s URL for a path', () => {
    expect(sent((client) => client.request('GET', '/-/ping?write=true')).url).toBe(`${REGISTRY}-/ping?write=true`);
  });
});
