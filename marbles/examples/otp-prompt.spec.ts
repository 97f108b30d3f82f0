import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { OtpRequiredError, RegistryClient } from 'rxnpm';
import { memoryStore, TestingTransport } from 'rxnpm/testing';

describe('two-factor authentication with an OTP prompt', () => {
  it('asks for the code when the registry answers EOTP and repeats the write once with it', () => {
    const transport = new TestingTransport();
    const asked: OtpRequiredError[] = [];

    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      // The user takes 3 frames to type the code.
      const challenge = { status: 401, headers: { 'www-authenticate': 'OTP' }, body: { error: 'You must provide a one-time pass.' } };
      const first = cold(' a|', { a: challenge });
      const typing = cold('---c|', { c: '123456' });
      const repeat = cold('   a|', { a: { status: 201, body: { ok: true } } });
      const expected = '   ---(a|)';
      const otpPrompt = (error: OtpRequiredError) => (asked.push(error), typing);
      const client = new RegistryClient({ registry: 'http://127.0.0.1:4873/', cache: memoryStore(), transport, otpPrompt });
      transport.expectOne('PUT', '/-/package/rxjs/dist-tags/next').respondWith(first);
      transport.expectOne('PUT', '/-/package/rxjs/dist-tags/next').respondWith(repeat);

      const tagged = client.request('PUT', '/-/package/rxjs/dist-tags/next', '"8.0.0"').pipe(map((r) => r.statusCode));
      expectObservable(tagged).toBe(expected, { a: 201 });
    });

    expect(asked).toHaveLength(1);
    expect(asked[0].code).toBe('EOTP');
    expect(transport.requests[0].headers['npm-otp']).toBeUndefined();
    expect(transport.requests[1].headers['npm-otp']).toBe('123456');
    transport.verify();
  });
});
