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
      const prompt = cold('      -----c|', { c: '111111' });
      answer = prompt;
      const first = cold('      --e', { e: CHALLENGE });
      const repeat = cold('            ---(r|)', { r: TAGGED });
      transport.expectOne('PUT', TAG_URL).respondWith(first);
      transport.expectOne('PUT', TAG_URL).respondWith(repeat);

      expectObservable(client.tag('left-pad', '1.0.0', 'next').pipe(map((r) => r.statusCode))).toBe('----------(s|)', { s: 201 });
      expectSubscriptions(first.subscriptions).toBe('                                            ^-!           ');
      expectSubscriptions(prompt.subscriptions).toBe('                                           --^----!      ');
      expectSubscriptions(repeat.subscriptions).toBe('                                           -------^--!   ');
    });

    expect(transport.requests.map((r) => r.headers['npm-otp'])).toEqual([undefined, '111111']);
    transport.verify();
  });

  it('a prompt that emits several codes: the first is used and the prompt is unsubscribed', () => {
    let answer: Observable<string> | undefined;
    const { client, transport } = kitClient({ otpPrompt: () => answer! });

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const prompt = cold('-a-b-c|', { a: '222222', b: '333333', c: '444444' });
      answer = prompt;
      transport.expectOne('PUT', TAG_URL).respondWith(cold('e', { e: CHALLENGE }));
      transport.expectOne('PUT', TAG_URL).respondWith(cold('-(r|)', { r: TAGGED }));

      expectObservable(client.tag('left-pad', '1.0.0', 'next').pipe(map((r) => r.statusCode))).toBe('--(s|)', { s: 201 });
      expectSubscriptions(prompt.subscriptions).toBe('^!');
    });

    expect(transport.requests.map((r) => r.headers['npm-otp'])).toEqual([undefined, '222222']);
    transport.verify();
  });

  it('a wrong code: the second EOTP ends the write at its frame; the prompt is asked once and there is no third request', () => {
    let asked = 0;
    let answer: Observable<string> | undefined;
    const { client, transport } = kitClient({ otpPrompt: () => (asked++, answer!) });

    marbleScheduler().run(({ cold, expectObservable }) => {
      answer = cold('--c|', { c: '000000' });
      transport.expectOne('PUT', TAG_URL).respondWith(cold('-e', { e: CHALLENGE }));
      transport.expectOne('PUT', TAG_URL).respondWith(cold('-e', { e: CHALLENGE }));

      expectObservable(client.tag('left-pad', '1.0.0', 'next')).toBe('----#', undefined, errorLike(OtpRequiredError, { code: 'EOTP', statusCode: 401 }));
    });

    expect(asked).toBe(1);
    expect(transport.requests).toHaveLength(2);
    transport.verify();
  });

  it('unsubscribing while the prompt waits cancels it, and no repeat is sent', () => {
    let answer: Observable<string> | undefined;
    const { client, transport } = kitClient({ otpPrompt: () => answer! });

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const prompt = cold('----------c|', { c: '555555' });
      answer = prompt;
      transport.expectOne('PUT', TAG_URL).respondWith(cold('-e', { e: CHALLENGE }));

      expectObservable(client.tag('left-pad', '1.0.0', 'next'), '^----!').toBe('-');
      expectSubscriptions(prompt.subscriptions).toBe('-^---!');
    });

    expect(transport.requests).toHaveLength(1);
    transport.expectNone((req) => req.headers['npm-otp'] !== undefined);
    transport.verify();
  });

  it('config `otp` goes with the first attempt of a write, and reads carry none', () => {
    const { client, transport } = kitClient({ otp: '999999' });

    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/-/package/left-pad/dist-tags').respondWith(cold('-(r|)', { r: { body: { latest: '1.0.0' } } }));
      transport.expectOne('PUT', TAG_URL).respondWith(cold('-(r|)', { r: TAGGED }));

      expectObservable(client.distTags.fetch('left-pad')).toBe('-(t|)', { t: { latest: '1.0.0' } });
      expectObservable(client.tag('left-pad', '1.0.0', 'next').pipe(map((r) => r.statusCode))).toBe('-(s|)', { s: 201 });
    });

    expect(transport.requests.map((r) => [r.method, r.headers['npm-otp']])).toEqual([
      ['GET', undefined],
      ['PUT', '999999'],
    ]);
    transport.verify();
  });
});
