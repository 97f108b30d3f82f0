import { map, type Observable } from 'rxjs';
import { OtpRequiredError } from '../src/errors/otp-required-error';
import { errorLike, marbleScheduler } from './support/marble-client';
import { kitClient } from './support/operations-kit';

const CHALLENGE = { status: 401, headers: { 'www-authenticate': 'OTP' }, body: { error: 'You must provide a one-time pass.' } };
const TAGGED = { status: 201, body: { ok: true } };
const TAG_URL = '/-/package/left-pad/dist-tags/next';

describe('the OTP prompt in virtual time', () => {
  it('the repeat goes out exactly when the prompt’s marble emits, not before', () => {
    let answer: Observable<string> | undefined;
    const { client, transport } = kitClient({ otpPrompt: () => answer! });

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold(' --e', { e: CHALLENGE });
      const prompt = cold('  -----c|', { c: '111111' });
      const repeat = cold('       ---(r|)', { r: TAGGED });
      const firstSubs = '  ^-!';
      const promptSubs = ' --^----!';
      const repeatSubs = ' -------^--!';
      const expected = '   ----------(s|)';
      answer = prompt;
      transport.expectOne('PUT', TAG_URL).respondWith(first);
      transport.expectOne('PUT', TAG_URL).respondWith(repeat);

      expectObservable(client.tag('left-pad', '1.0.0', 'next').pipe(map((r) => r.statusCode))).toBe(expected, { s: 201 });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(prompt.subscriptions).toBe(promptSubs);
      expectSubscriptions(repeat.subscriptions).toBe(repeatSubs);
    });

    expect(transport.requests.map((r) => r.headers['npm-otp'])).toEqual([undefined, '111111']);
    transport.verify();
  });

  it('a prompt that emits several codes: the first is used and the prompt is unsubscribed', () => {
    let answer: Observable<string> | undefined;
    const { client, transport } = kitClient({ otpPrompt: () => answer! });

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('e', { e: CHALLENGE });
      const prompt = cold('-a-b-c|', { a: '222222', b: '333333', c: '444444' });
      const repeat = cold(' -(r|)', { r: TAGGED });
      const promptSubs = ' ^!';
      const expected = '   --(s|)';
      answer = prompt;
      transport.expectOne('PUT', TAG_URL).respondWith(first);
      transport.expectOne('PUT', TAG_URL).respondWith(repeat);

      expectObservable(client.tag('left-pad', '1.0.0', 'next').pipe(map((r) => r.statusCode))).toBe(expected, { s: 201 });
      expectSubscriptions(prompt.subscriptions).toBe(promptSubs);
    });

    expect(transport.requests.map((r) => r.headers['npm-otp'])).toEqual([undefined, '222222']);
    transport.verify();
  });

  it('a wrong code: the second EOTP ends the write at its frame; the prompt is asked once and there is no third request', () => {
    let asked = 0;
    let answer: Observable<string> | undefined;
    const { client, transport } = kitClient({ otpPrompt: () => (asked++, answer!) });

    marbleScheduler().run(({ cold, expectObservable }) => {
      const first = cold(' -e', { e: CHALLENGE });
      const prompt = cold(' --c|', { c: '000000' });
      const repeat = cold('   -e', { e: CHALLENGE });
      const expected = '   ----#';
      answer = prompt;
      transport.expectOne('PUT', TAG_URL).respondWith(first);
      transport.expectOne('PUT', TAG_URL).respondWith(repeat);

      expectObservable(client.tag('left-pad', '1.0.0', 'next')).toBe(expected, undefined, errorLike(OtpRequiredError, { code: 'EOTP', statusCode: 401 }));
    });

    expect(asked).toBe(1);
    expect(transport.requests).toHaveLength(2);
    transport.verify();
  });

  it('unsubscribing while the prompt waits cancels it, and no repeat is sent', () => {
    let answer: Observable<string> | undefined;
    const { client, transport } = kitClient({ otpPrompt: () => answer! });

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('  -e', { e: CHALLENGE });
      const prompt = cold('  ----------c|', { c: '555555' });
      const promptSubs = '  -^---!';
      const subscription = '^----!';
      const expected = '    -';
      answer = prompt;
      transport.expectOne('PUT', TAG_URL).respondWith(first);

      expectObservable(client.tag('left-pad', '1.0.0', 'next'), subscription).toBe(expected);
      expectSubscriptions(prompt.subscriptions).toBe(promptSubs);
    });

    expect(transport.requests).toHaveLength(1);
    transport.expectNone((req) => req.headers['npm-otp'] !== undefined);
    transport.verify();
  });

  it('config `otp` goes with the first attempt of a write, and reads carry none', () => {
    const { client, transport } = kitClient({ otp: '999999' });

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold('    -(r|)', { r: { body: { latest: '1.0.0' } } });
      const write = cold('   -(r|)', { r: TAGGED });
      const readExpected = ' -(t|)';
      const writeExpected = '-(s|)';
      transport.expectOne('GET', '/-/package/left-pad/dist-tags').respondWith(read);
      transport.expectOne('PUT', TAG_URL).respondWith(write);

      expectObservable(client.distTags.fetch('left-pad')).toBe(readExpected, { t: { latest: '1.0.0' } });
      expectObservable(client.tag('left-pad', '1.0.0', 'next').pipe(map((r) => r.statusCode))).toBe(writeExpected, { s: 201 });
    });

    expect(transport.requests.map((r) => [r.method, r.headers['npm-otp']])).toEqual([
      ['GET', undefined],
      ['PUT', '999999'],
    ]);
    transport.verify();
  });
});
