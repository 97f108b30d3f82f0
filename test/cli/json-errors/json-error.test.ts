import { open } from 'node:fs/promises';
import { join } from 'node:path';
import {
  HttpError,
  IntegrityError,
  InvalidJsonError,
  NeedAuthError,
  NetworkError,
  NoMatchingVersionError,
  NotCachedError,
  OtpRequiredError,
  PublishConflictError,
  TimeoutError,
} from '../../../src/index';
import { CliError } from '../../../src/cli/output/cli-error';
import { jsonError } from '../../../src/cli/output/json-error';
import { npmRoot } from './real-npm';

/** The part of npm 11 that turns an error into its `--json` shape (`lib/utils/error-message.js`, `output-error.js`). */
interface NpmErrorOutput {
  getError(error: unknown, options: { npm: FakeNpm }): object;
  jsonError(error: object, npm: FakeNpm): object;
}

interface FakeNpm {
  readonly loaded: boolean;
  readonly prefix: string;
  readonly config: { get(key: string): unknown };
}

function npmErrorOutput(): NpmErrorOutput {
  const root = npmRoot();
  const { getError }: Pick<NpmErrorOutput, 'getError'> = require(join(root, 'lib', 'utils', 'error-message.js'));
  const { jsonError: json }: Pick<NpmErrorOutput, 'jsonError'> = require(join(root, 'lib', 'utils', 'output-error.js'));
  return { getError, jsonError: json };
}

/** What npm itself prints under `error` with `--json` for this error. */
function npmJson(error: unknown): unknown {
  const npm: FakeNpm = { loaded: true, prefix: '/nonexistent-prefix', config: { get: (key) => (key === 'json' ? true : undefined) } };
  const { getError, jsonError: json } = npmErrorOutput();
  return JSON.parse(JSON.stringify(json(getError(error, { npm }), npm)));
}

const URL_404 = 'http://127.0.0.1:4873/no-such-pkg';
const get = { method: 'GET', url: URL_404 };

/** Each a fresh error: npm's formatter rewrites the message it is given. */
const FAILURES: Array<[string, () => Error]> = [
  ['a 404 naming a version', () => new HttpError(`404 Not Found - GET ${URL_404} - Not found`, { ...get, statusCode: 404, pkgid: 'no-such-pkg@1.0.0' })],
  ['a 404 for a name that cannot be published', () => new HttpError('404 Not Found - GET http://127.0.0.1:4873/JSONStream - Not found', { ...get, statusCode: 404, pkgid: 'JSONStream@2.0.0' })],
  ['a 404 about no package', () => new HttpError('404 Not Found - GET http://127.0.0.1:4873/-/v1/search?text=x - Not found', { ...get, statusCode: 404 })],
  ['a 403', () => new HttpError(`403 Forbidden - GET ${URL_404} - forbidden`, { ...get, statusCode: 403 })],
  ['a 500', () => new HttpError('500 Internal Server Error - GET http://127.0.0.1:4873/-/ping - boom', { ...get, statusCode: 500 })],
  ['a one-time password', () => new OtpRequiredError('401 Unauthorized - PUT http://127.0.0.1:4873/p - You must provide a one-time pass.', { statusCode: 401 })],
  [
    'web-based two-factor authentication',
    () => new OtpRequiredError('401 Unauthorized - PUT http://127.0.0.1:4873/p', { statusCode: 401, body: { authUrl: 'http://127.0.0.1:4873/auth', doneUrl: 'http://127.0.0.1:4873/done' } }),
  ],
  ['no credentials', () => new NeedAuthError('This command requires you to be logged in.')],
  ['a refused connection', () => new NetworkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', get)],
  ['a reset connection', () => new NetworkError('ECONNRESET', 'socket hang up', get)],
  ['an unknown host', () => new NetworkError('ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.invalid', get)],
  ['a timeout', () => new TimeoutError(30_000, get)],
  ['no matching version', () => new NoMatchingVersionError('no-such-pkg has no version matching 9.x', { pkgid: 'no-such-pkg' })],
  ['a version published already', () => new PublishConflictError('1.0.0', { method: 'PUT', url: URL_404, statusCode: 403 })],
  ['a body that is not JSON', () => new InvalidJsonError('<html>', get)],
  ['offline with nothing cached', () => new NotCachedError(get)],
  ['a mismatched tarball', () => new IntegrityError('the tarball of p@1.0.0 does not match its integrity', get)],
  ['a missing file named on the command line', () => new CliError('ENOENT', 'no such file: /nope.tgz')],
  ['a permission the system refused', () => Object.assign(new Error("EACCES: permission denied, open '/root/x.tgz'"), { code: 'EACCES', syscall: 'open', path: '/root/x.tgz' })],
  ['a full disk', () => Object.assign(new Error("ENOSPC: no space left on device, write '/tmp/x.tgz'"), { code: 'ENOSPC' })],
  ['a code only in the message', () => new Error('EWEIRD: something odd')],
  ['no code at all, with a cause', () => new Error('something failed', { cause: new Error('the reason') })],
];

describe('jsonError', () => {
  it.each(FAILURES)('prints %s as npm 11 does', (_what, make) => {
    expect(JSON.parse(JSON.stringify(jsonError(make())))).toEqual(npmJson(make()));
  });

  it('prints a file the system could not find as npm does', async () => {
    const missing = await open('/nonexistent/dir/x.tgz', 'w').catch((error: unknown) => error);
    expect(jsonError(missing)).toEqual({
      code: 'ENOENT',
      summary: "ENOENT: no such file or directory, open '/nonexistent/dir/x.tgz'",
      detail: 'This is related to npm not being able to find a file.',
    });
  });

  it('names a 404 package as npm names it when it was asked for by name: name@*', () => {
    const error = new HttpError(`404 Not Found - GET ${URL_404} - Not found`, { ...get, statusCode: 404, pkgid: 'no-such-pkg' });
    expect(jsonError(error)).toEqual({
      code: 'E404',
      summary: `Not Found - GET ${URL_404} - Not found`,
      detail: "The requested resource 'no-such-pkg@*' could not be found or you do not have permission to access it.\n\nNote that you can also install from a\ntarball, folder, http url, or git url.",
    });
    expect(jsonError(new HttpError('404', { statusCode: 404, pkgid: '@scope/pkg' })).detail).toContain("'@scope/pkg@*'");
  });

  it('tells a 401 by the challenge, as npm does', () => {
    const unauthorized = (challenge: string) => new HttpError(`401 Unauthorized - GET ${URL_404}`, { ...get, statusCode: 401, headers: { 'www-authenticate': challenge } });
    expect(jsonError(unauthorized('Bearer realm="x"'))).toMatchObject({ code: 'E401', summary: 'Unable to authenticate, your authentication token seems to be invalid.' });
    expect(jsonError(unauthorized('Basic realm="x"'))).toMatchObject({ code: 'E401', summary: 'Incorrect or missing password.' });
    expect(jsonError(unauthorized('Other'))).toEqual({ code: 'E401', summary: `401 Unauthorized - GET ${URL_404}`, detail: '' });
  });

  it('takes anything thrown', () => {
    expect(jsonError('just a string')).toEqual({ summary: 'just a string', detail: '' });
  });
});
