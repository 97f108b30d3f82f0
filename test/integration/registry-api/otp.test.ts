import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { lastValueFrom, of, timer, map, toArray } from 'rxjs';
import { OtpRequiredError, type OtpPrompt } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { OTP_CHALLENGE, type NpmApiRegistry } from '../../support/npm-api-registry';
import { bodyOf, lines, registryApiEnv } from './fixtures';

const CODE = '123456';
const ADA = { name: 'ada', email: 'ada@example.org' };

describe('two-factor authentication against a registry that demands a one-time password', () => {
  const env = registryApiEnv();

  async function world(): Promise<{ registry: NpmApiRegistry; token: string }> {
    const registry = await env.registry();
    const token = registry.addUser(ADA.name, ADA.email);
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0', '1.1.0'], maintainers: [ADA] });
    registry.requireOtp(CODE);
    return { registry, token };
  }

  const tagWrites = (registry: NpmApiRegistry) => registry.writes().filter((r) => r.url === '/-/package/left-pad/dist-tags/next');

  it('with no prompt, the OtpRequiredError (EOTP) reaches the subscriber after one attempt', async () => {
    const { registry, token } = await world();

    const error = await failureOf(env.client(registry, token).distTags.add('left-pad', '1.0.0', 'next'));

    expect(error).toBeInstanceOf(OtpRequiredError);
    expect(error).toMatchObject({ code: 'EOTP', statusCode: 401, body: OTP_CHALLENGE });
    expect(tagWrites(registry)).toHaveLength(1);
    expect(registry.requests).toHaveLength(1);
    expect(registry.packument('left-pad')!['dist-tags']).toEqual({ latest: '1.1.0' });
  });

  it.each<[string, OtpPrompt]>([
    ['a string', () => CODE],
    ['a Promise', () => Promise.resolve(CODE)],
    ['an Observable', () => timer(5).pipe(map(() => CODE))],
    ['a code with spaces around it', () => ` ${CODE}\n`],
  ])('with a prompt returning %s, the write is repeated once with npm-otp and succeeds', async (_kind, answer) => {
    const { registry, token } = await world();
    const asked: OtpRequiredError[] = [];
    const otpPrompt: OtpPrompt = (error) => (asked.push(error), answer(error));

    const res = await lastValueFrom(env.client(registry, token, { otpPrompt }).distTags.add('left-pad', '1.0.0', 'next'));

    expect(res.statusCode).toBe(201);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBeInstanceOf(OtpRequiredError);
    const [first, second] = tagWrites(registry);
    expect(tagWrites(registry)).toHaveLength(2);
    expect(first.headers['npm-otp']).toBeUndefined();
    expect(second.headers['npm-otp']).toBe(CODE);
    expect(second.headers.authorization).toBe(`Bearer ${token}`);
    expect(second.body()).toBe('"1.0.0"');
    expect(registry.packument('left-pad')!['dist-tags']).toEqual({ latest: '1.1.0', next: '1.0.0' });
  });

  it('a wrong code: the second EOTP reaches the subscriber, with no third attempt and no second prompt', async () => {
    const { registry, token } = await world();
    let asked = 0;
    const otpPrompt: OtpPrompt = () => (asked++, '000000');

    const error = await failureOf(env.client(registry, token, { otpPrompt }).distTags.add('left-pad', '1.0.0', 'next'));

    expect(error).toBeInstanceOf(OtpRequiredError);
    expect(error).toMatchObject({ code: 'EOTP' });
    expect(asked).toBe(1);
    expect(tagWrites(registry).map((r) => r.headers['npm-otp'])).toEqual([undefined, '000000']);
    expect(registry.requests).toHaveLength(2);
  });

  it('a prompt that fails ends the write with its error, and nothing is repeated', async () => {
    const { registry, token } = await world();
    const otpPrompt: OtpPrompt = () => Promise.reject(new Error('the user closed the prompt'));

    const error = await failureOf(env.client(registry, token, { otpPrompt }).distTags.add('left-pad', '1.0.0', 'next'));

    expect(error).toEqual(new Error('the user closed the prompt'));
    expect(registry.requests).toHaveLength(1);
  });

  it('config `otp` is sent up front on writes and not on reads', async () => {
    const { registry, token } = await world();
    const client = env.client(registry, token, { otp: CODE });

    const tags = await lastValueFrom(client.distTags.fetch('left-pad'));
    await lastValueFrom(client.distTags.add('left-pad', '1.0.0', 'next'));
    const doc = await lastValueFrom(client.get<{ 'dist-tags': Record<string, string> }>('/left-pad'));

    expect(tags).toEqual({ latest: '1.1.0' });
    expect(doc.data['dist-tags']).toEqual({ latest: '1.1.0', next: '1.0.0' });
    expect(lines(registry.requests)).toEqual(['GET /-/package/left-pad/dist-tags', 'PUT /-/package/left-pad/dist-tags/next', 'GET /left-pad']);
    expect(registry.requests.map((r) => r.headers['npm-otp'])).toEqual([undefined, CODE, undefined]);
  });

  it('a read-modify-write (deprecate) under OTP: the GET goes without a code, the PUT is repeated with the prompt’s', async () => {
    const { registry, token } = await world();

    await lastValueFrom(env.client(registry, token, { otpPrompt: () => CODE }).deprecate('left-pad', '1.0.0', 'use 1.1.0'));

    expect(lines(registry.requests).map((l) => l.replace(/-rev\/.*/, '-rev/REV'))).toEqual([
      'GET /left-pad?write=true',
      'PUT /left-pad/-rev/REV',
      'PUT /left-pad/-rev/REV',
    ]);
    expect(registry.requests.map((r) => r.headers['npm-otp'])).toEqual([undefined, undefined, CODE]);
    expect(registry.packument('left-pad')!.versions['1.0.0'].deprecated).toBe('use 1.1.0');
    expect(registry.packument('left-pad')!.versions['1.1.0'].deprecated).toBeUndefined();
  });

  it('access (a POST) is repeated with the code too: an EOTP means the registry did nothing', async () => {
    const registry = await env.registry();
    const token = registry.addUser(ADA.name, ADA.email);
    registry.addPackage({ name: '@acme/widget', versions: ['1.0.0'], maintainers: [ADA] });
    registry.requireOtp(CODE);

    await lastValueFrom(env.client(registry, token, { otpPrompt: () => CODE }).access.restricted('@acme/widget'));

    expect(registry.requests.map((r) => r.headers['npm-otp'])).toEqual([undefined, CODE]);
    expect(registry.access('@acme/widget')).toBe('restricted');
  });

  describe('publish', () => {
    const bytes = randomBytes(200_000);
    const data = { name: 'otp-pkg', version: '1.0.0', description: 'published past a one-time password' };

    async function expectPublished(registry: NpmApiRegistry) {
      const puts = registry.writes();
      expect(puts.map((r) => r.headers['npm-otp'])).toEqual([undefined, CODE]);
      // The repeat carries the whole body again, not the rest of a spent stream.
      const repeated = bodyOf(puts[1]) as { _attachments: Record<string, { data: string; length: number }> };
      expect(Buffer.from(repeated._attachments['otp-pkg-1.0.0.tgz'].data, 'base64').equals(bytes)).toBe(true);
      expect(puts[1].body()).toBe(puts[0].body());
      expect(registry.tarball('otp-pkg', 'otp-pkg-1.0.0.tgz')!.equals(bytes)).toBe(true);
      expect(registry.packument('otp-pkg')!.versions['1.0.0'].dist).toEqual({
        shasum: createHash('sha1').update(bytes).digest('hex'),
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
        tarball: `${registry.url}otp-pkg/-/otp-pkg-1.0.0.tgz`,
      });
    }

    it('from a file path: the EOTP is answered and the body is re-created from the file for the repeat', async () => {
      const { registry, token } = await world();
      const file = join(env.folder(), 'otp-pkg-1.0.0.tgz');
      await writeFile(file, bytes);

      const res = await lastValueFrom(env.client(registry, token, { otpPrompt: () => CODE }).publish(data, file));

      expect(res).toMatchObject({ statusCode: 201 });
      await expectPublished(registry);
    });

    it('from a Buffer: the body is re-created for the repeat', async () => {
      const { registry, token } = await world();

      await lastValueFrom(env.client(registry, token, { otpPrompt: () => of(CODE) }).publish(data, bytes));

      await expectPublished(registry);
    });

    it('with reportProgress, the progress of both attempts and then the response reach the subscriber', async () => {
      const { registry, token } = await world();

      const events = await lastValueFrom(env.client(registry, token, { otpPrompt: () => CODE }).publish(data, bytes, { reportProgress: true }).pipe(toArray()));

      const last = events[events.length - 1];
      expect(last).toMatchObject({ statusCode: 201 });
      const progress = events.slice(0, -1);
      expect(progress.length).toBeGreaterThan(0);
      for (const event of progress) expect(event).toMatchObject({ type: 'progress', total: Buffer.byteLength(registry.writes()[1].body()) });
      expect(progress[progress.length - 1]).toMatchObject({ loaded: Buffer.byteLength(registry.writes()[1].body()) });
      await expectPublished(registry);
    });

    it('from a Readable: the stream is spent, so the EOTP reaches the subscriber and the prompt is not asked', async () => {
      const { registry, token } = await world();
      let asked = 0;

      const error = await failureOf(
        env.client(registry, token, { otpPrompt: () => (asked++, CODE) }).publish(data, Readable.from([bytes.subarray(0, 70_000), bytes.subarray(70_000)])),
      );

      expect(error).toBeInstanceOf(OtpRequiredError);
      expect(error).toMatchObject({ code: 'EOTP' });
      expect(asked).toBe(0);
      expect(registry.writes()).toHaveLength(1);
      expect(registry.packument('otp-pkg')).toBeUndefined();
    });

    it('from a Readable with config `otp`: the code goes with the one attempt and the publish lands', async () => {
      const { registry, token } = await world();

      await lastValueFrom(env.client(registry, token, { otp: CODE }).publish(data, Readable.from([bytes])));

      expect(registry.writes().map((r) => r.headers['npm-otp'])).toEqual([CODE]);
      expect(registry.tarball('otp-pkg', 'otp-pkg-1.0.0.tgz')!.equals(bytes)).toBe(true);
    });
  });
});
