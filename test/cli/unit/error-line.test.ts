import { HttpError, NetworkError, OtpRequiredError, RegistryError } from '../../../src/index';
import { CliError } from '../../../src/cli/output/cli-error';
import { errorDetails, errorLine } from '../../../src/cli/output/error-line';

const http = (status: number, said: string) => {
  const message = `${status} Not Found - GET http://127.0.0.1:4873/pkg - ${said}`;
  return new HttpError(message, { method: 'GET', url: 'http://127.0.0.1:4873/pkg', statusCode: status, body: { error: said } });
};

describe('errorLine', () => {
  it('names the command, the HTTP status, the request, the registry’s words and the code', () => {
    expect(errorLine('view pkg', http(404, 'no such package available'))).toBe(
      'rxnpm view pkg: 404 Not Found - GET http://127.0.0.1:4873/pkg - no such package available (E404)',
    );
  });

  it('tells how to pass a one-time password', () => {
    const error = new OtpRequiredError('401 Unauthorized - PUT http://127.0.0.1:4873/pkg - You must provide a one-time pass.', { statusCode: 401 });
    expect(errorLine('publish pkg.tgz', error)).toMatch(/^rxnpm publish pkg\.tgz: 401 Unauthorized .* \(EOTP\); .*run it again with --otp <code>$/);
  });

  it('adds the status to an error that carries one but does not say it', () => {
    expect(errorLine('dist-tag add pkg@9.0.0', new RegistryError('ETARGET', 'pkg has no version 9.0.0', { statusCode: 404 }))).toBe(
      'rxnpm dist-tag add pkg@9.0.0: 404 Not Found - pkg has no version 9.0.0 (ETARGET)',
    );
  });

  it('keeps to one line whatever the message', () => {
    const line = errorLine('ping', new NetworkError('ECONNREFUSED', 'connect ECONNREFUSED\n  127.0.0.1:9', { method: 'GET', url: 'http://127.0.0.1:9/-/ping' }));
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/\(ECONNREFUSED\); is the registry URL right\?/);
  });

  it('takes anything thrown', () => {
    expect(errorLine('view x', new CliError('EUSAGE', 'bad spec'))).toBe('rxnpm view x: bad spec (EUSAGE)');
    expect(errorLine('view x', 'just a string')).toBe('rxnpm view x: just a string');
  });
});

describe('errorDetails', () => {
  it('shows the stack and the body, for --loglevel verbose', () => {
    const details = errorDetails(http(404, 'gone'));
    expect(details).toMatch(/^HttpError: 404/);
    expect(details).toMatch(/^\s+at /m);
    expect(details).toContain('body: {"error":"gone"}');
  });
});
