import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { map, type Observable } from 'rxjs';
import { OtpRequiredError } from '../src/errors/otp-required-error';
import { isProgress, type Progress } from '../src/request/progress';
import type { RegistryRequest } from '../src/request/registry-request';
import type { RegistryResponse } from '../src/request/registry-response';
import { errorLike, marbleScheduler, REGISTRY } from './support/marble-client';
import { kitClient, relay, untilRequests } from './support/operations-kit';

const TARBALL = Buffer.from('not really gzip, but bytes all the same: '.repeat(40));
const PKG = { name: 'marble-pkg', version: '1.0.0', description: 'published in virtual time' };
const OTP_CHALLENGE = { status: 401, headers: { 'www-authenticate': 'OTP' }, body: { error: 'You must provide a one-time pass.' } };

/** Progress as it is, a response as its status: what the subscriber of a publish sees. */
const shown = map((event: Progress | RegistryResponse) => (isProgress(event) ? event : event.statusCode));

/** The whole body a publish request carries (a body factory makes a fresh stream of it each time). */
async function bodyText(req: RegistryRequest): Promise<string> {
  if (typeof req.body !== 'function') throw new Error(`expected a body factory, got ${typeof req.body}`);
  const chunks: Buffer[] = [];
  for await (const chunk of req.body() as Readable) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('publish through the testing kit', () => {
  it('sends one PUT of the document with the tarball inline, sized by content-length', async () => {
    const { client, transport } = kitClient();
    relay(client.publish(PKG, TARBALL));
    await untilRequests(transport, 1);

    const [put] = transport.requests;
    const text = await bodyText(put);
    expect(put.method).toBe('PUT');
    expect(put.url).toBe(`${REGISTRY}marble-pkg`);
    expect(put.headers['content-type']).toBe('application/json');
    expect(Number(put.headers['content-length'])).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toEqual({
      _id: 'marble-pkg',
      name: 'marble-pkg',
      description: 'published in virtual time',
      'dist-tags': { latest: '1.0.0' },
      versions: {
        '1.0.0': {
          ...PKG,
          _id: 'marble-pkg@1.0.0',
          dist: {
            shasum: createHash('sha1').update(TARBALL).digest('hex'),
            integrity: `sha512-${createHash('sha512').update(TARBALL).digest('base64')}`,
            tarball: `${REGISTRY}marble-pkg/-/marble-pkg-1.0.0.tgz`,
          },
        },
      },
      _attachments: { 'marble-pkg-1.0.0.tgz': { content_type: 'application/octet-stream', data: TARBALL.toString('base64'), length: TARBALL.length } },
    });
    transport.expectOne('PUT', '/marble-pkg').flush({ ok: true }, { status: 201 });
    transport.verify();
  });

  it('with reportProgress and a transport that reports no upload progress, emits only the response, at its frame', async () => {
    const { client, transport } = kitClient();
    const { relayed } = relay(client.publish(PKG, TARBALL, { reportProgress: true }));
    await untilRequests(transport, 1);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const answer = cold('---(r|)', { r: { status: 201, body: { ok: true } } });
      const expected = '   ---(r|)';

      expectObservable(relayed.pipe(shown)).toBe(expected, { r: 201 });
      transport.expectOne('PUT', '/marble-pkg').respondWith(answer);
    });
    expect(transport.requests[0].reportProgress).toBe(true);
    transport.verify();
  });

  it('with reportProgress, each upload-progress of the transport reaches the subscriber as progress, before the response', async () => {
    const { client, transport } = kitClient();
    const { relayed } = relay(client.publish(PKG, TARBALL, { reportProgress: true }));
    await untilRequests(transport, 1);
    const total = Number(transport.requests[0].headers['content-length']);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const answer = cold('-a--b-c--(r|)', {
        a: { type: 'upload-progress', loaded: 0, total },
        b: { type: 'upload-progress', loaded: 1000, total },
        c: { type: 'upload-progress', loaded: total, total },
        r: { status: 201, body: { ok: true } },
      });
      const expected = '   -a--b-c--(r|)';

      expectObservable(relayed.pipe(shown)).toBe(expected, {
        a: { type: 'progress', loaded: 0, total },
        b: { type: 'progress', loaded: 1000, total },
        c: { type: 'progress', loaded: total, total },
        r: 201,
      });
      transport.expectOne('PUT', '/marble-pkg').respondWith(answer);
    });
    transport.verify();
  });

  it('without reportProgress, the same upload-progress events are not shown: only the response', async () => {
    const { client, transport } = kitClient();
    const { relayed } = relay(client.publish(PKG, TARBALL));
    await untilRequests(transport, 1);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const answer = cold('-a-b-(r|)', { a: { type: 'upload-progress', loaded: 10, total: 100 }, b: { type: 'upload-progress', loaded: 100, total: 100 }, r: { status: 201 } });
      const expected = '   -----(r|)';

      expectObservable(relayed.pipe(shown)).toBe(expected, { r: 201 });
      transport.expectOne('PUT', '/marble-pkg').respondWith(answer);
    });
    transport.verify();
  });

  it('a 409 is a PublishConflictError at the frame it arrives, never retried', async () => {
    const { client, transport } = kitClient();
    const { relayed } = relay(client.publish(PKG, TARBALL));
    await untilRequests(transport, 1);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const answer = cold('--r', { r: { status: 409, body: { error: 'conflict' } } });
      const expected = '   --#';

      expectObservable(relayed).toBe(expected, undefined, expect.objectContaining({ code: 'EPUBLISHCONFLICT', statusCode: 409, version: '1.0.0' }));
      transport.expectOne('PUT', '/marble-pkg').respondWith(answer);
    });
    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });

  it('under OTP: the repeat goes out when the prompt answers, with npm-otp and a fresh copy of the same body', async () => {
    let promptAnswer: Observable<string> | undefined;
    const { client, transport } = kitClient({ otpPrompt: () => promptAnswer! });
    const { relayed } = relay(client.publish(PKG, TARBALL, { reportProgress: true }));
    await untilRequests(transport, 1);

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const challenge = cold('-e', { e: OTP_CHALLENGE });
      const prompt = cold('    ---c|', { c: '654321' });
      const repeat = cold('       --(r|)', { r: { status: 201, body: { ok: true } } });
      const challengeSubs = ' ^!';
      const promptSubs = '    -^--!';
      const repeatSubs = '    ----^-!';
      const expected = '      ------(r|)';
      promptAnswer = prompt;
      transport.expectOne('PUT', '/marble-pkg').respondWith(challenge);
      transport.expectOne('PUT', '/marble-pkg').respondWith(repeat);

      expectObservable(relayed.pipe(shown)).toBe(expected, { r: 201 });
      expectSubscriptions(challenge.subscriptions).toBe(challengeSubs);
      expectSubscriptions(prompt.subscriptions).toBe(promptSubs);
      expectSubscriptions(repeat.subscriptions).toBe(repeatSubs);
    });

    const [first, second] = transport.requests;
    expect(first.headers['npm-otp']).toBeUndefined();
    expect(second.headers['npm-otp']).toBe('654321');
    expect(await bodyText(second)).toBe(await bodyText(first));
    transport.verify();
  });

  it('under OTP with no prompt, the OtpRequiredError reaches the subscriber at the frame of the 401', async () => {
    const { client, transport } = kitClient();
    const { relayed } = relay(client.publish(PKG, TARBALL));
    await untilRequests(transport, 1);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const challenge = cold('----e', { e: OTP_CHALLENGE });
      const expected = '      ----#';

      expectObservable(relayed).toBe(expected, undefined, errorLike(OtpRequiredError, { code: 'EOTP' }));
      transport.expectOne('PUT', '/marble-pkg').respondWith(challenge);
    });
    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });
});
