import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, type Observable } from 'rxjs';
import * as rxnpm from 'rxnpm';
import { ERROR_CODES, NeedAuthError, NetworkError, NoMatchingVersionError, NoTokenError, RegistryClient, RegistryError } from 'rxnpm';
import { memoryStore, TestingTransport } from 'rxnpm/testing';
import { CliError } from '../../../src/cli/output/cli-error';
import { ViewError } from '../../../src/cli/view/view-error';

const registry = 'http://127.0.0.1:4873/';
const details = { method: 'GET', url: `${registry}pkg`, pkgid: 'pkg' };

function setup() {
  const transport = new TestingTransport();
  const client = new RegistryClient({ registry, cache: memoryStore(), transport, 'fetch-retries': 0 });
  return { transport, client };
}

const failureOf = (source: Observable<unknown>): Promise<unknown> =>
  lastValueFrom(source).then(
    (value) => { throw new Error(`expected an error, got ${JSON.stringify(value)}`); },
    (error: unknown) => error,
  );

/** One of each error class the package exports, made as rxnpm makes it. */
const oneOfEach: readonly RegistryError[] = [
  new rxnpm.RegistryError('ECACHE', 'base'),
  new rxnpm.HttpError('404 Not Found', { ...details, statusCode: 404 }),
  new rxnpm.OtpRequiredError('otp', { ...details, statusCode: 401 }),
  new rxnpm.AuthIpError('ip', { ...details, statusCode: 401 }),
  new rxnpm.ConfigError('registry', 'required'),
  new rxnpm.TimeoutError(1000, details),
  new rxnpm.NetworkError('ECONNRESET', 'reset', details),
  new rxnpm.InvalidJsonError('<html>', { ...details, statusCode: 200 }),
  new rxnpm.UsageError('bad'),
  new rxnpm.NotCachedError(details),
  new rxnpm.CacheError('/tmp/x', Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })),
  new rxnpm.PublishConflictError('1.0.0', { ...details, statusCode: 409 }),
  new rxnpm.ResponseTooLargeError(10, details),
  new rxnpm.BadResponseError('another package', details),
  new rxnpm.IntegrityError('no hash', details),
  new rxnpm.RedirectError('EMAXREDIRECTS', 'loop', `${registry}x`, details),
  new rxnpm.TooDeepError(512, 'a document'),
  new rxnpm.BadEncodingError('EUNKNOWNENCODING', 'rot13', 'unknown', details),
  new rxnpm.NeedAuthError('log in'),
  new rxnpm.NoTokenError('no token'),
  new rxnpm.WebLoginUnsupportedError('no web login'),
  new rxnpm.NoMatchingVersionError('no match'),
  new rxnpm.SignatureError('EINTEGRITYSIGNATURE', 'bad signature', { pkgid: 'pkg', keyid: 'SHA256:k' }),
];

describe('every error class', () => {
  it('is exported by name and covered here, so a new class must carry a code from the catalogue', () => {
    const exported = Object.values(rxnpm).filter((value): value is typeof RegistryError => typeof value === 'function' && (value === RegistryError || value.prototype instanceof RegistryError));
    expect(exported.map((cls) => cls.name).sort()).toEqual(oneOfEach.map((error) => error.constructor.name).sort());
  });

  it.each(oneOfEach.map((error) => [error.name, error] as const))('%s carries a code of the catalogue or E<status>', (_name, error) => {
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.code in ERROR_CODES || /^E\d{3}$/.test(error.code)).toBe(true);
  });

  it('NetworkError keeps a code the system gave, listed or not', () => {
    expect(new NetworkError('ECONNREFUSED', 'refused', details).code).toBe('ECONNREFUSED');
    expect(new NetworkError('ERR_SSL_WRONG_VERSION_NUMBER', 'tls', details).code).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
  });
});

describe('the codes once thrown as free strings have their classes', () => {
  it('whoami answered 401 is a NeedAuthError that keeps the 401 as its cause', async () => {
    const { transport, client } = setup();
    transport.expectOne('GET', '/-/whoami').flush({ error: 'unauthorized' }, { status: 401 });
    const error = await failureOf(client.whoami());
    expect(error).toBeInstanceOf(NeedAuthError);
    expect(error).toMatchObject({ code: 'ENEEDAUTH', statusCode: 401, cause: expect.objectContaining({ code: 'E401' }) });
    transport.verify();
  });

  it('whoami answered with no user name, and logout without a token, are NeedAuthError', async () => {
    const { transport, client } = setup();
    transport.expectOne('GET', '/-/whoami').flush({});
    expect(await failureOf(client.whoami())).toBeInstanceOf(NeedAuthError);
    const logout = await failureOf(client.logout());
    expect(logout).toBeInstanceOf(NeedAuthError);
    expect(logout).toMatchObject({ code: 'ENEEDAUTH' });
    transport.verify();
  });

  it('a login the registry accepts without a token is a NoTokenError', async () => {
    const { transport, client } = setup();
    transport.expectOne('PUT', '/-/user/org.couchdb.user:ada').flush({ ok: true }, { status: 201 });
    const error = await failureOf(client.adduser('ada', 'secret', 'ada@example.com'));
    expect(error).toBeInstanceOf(NoTokenError);
    expect(error).toMatchObject({ code: 'ENOTOKEN', method: 'PUT' });
    transport.verify();
  });

  it('tagging a version the package does not have is a NoMatchingVersionError (ETARGET, 404)', async () => {
    const { transport, client } = setup();
    transport.expectOne('PUT', '/-/package/pkg/dist-tags/beta').flush({ error: 'not found' }, { status: 404 });
    transport.expectOne('GET', '/pkg?write=true').flush({ name: 'pkg', versions: { '1.0.0': {} } });
    const error = await failureOf(client.tag('pkg', '2.0.0', 'beta'));
    expect(error).toBeInstanceOf(NoMatchingVersionError);
    expect(error).toMatchObject({ code: 'ETARGET', statusCode: 404, pkgid: 'pkg' });
    transport.verify();
  });

  it('deprecating a range with no version in it is a NoMatchingVersionError', async () => {
    const { transport, client } = setup();
    transport.expectOne('GET', '/pkg?write=true').flush({ _id: 'pkg', name: 'pkg', versions: { '1.0.0': { name: 'pkg', version: '1.0.0' } } });
    const error = await failureOf(client.deprecate('pkg', '^2.0.0', 'old'));
    expect(error).toBeInstanceOf(NoMatchingVersionError);
    expect(error).toMatchObject({ code: 'ETARGET', pkgid: 'pkg' });
    transport.verify();
  });

  it.each([
    ['a range nothing matches', { '1.0.0': { name: 'pkg', version: '1.0.0' } }, 'ETARGET'],
    ['a package without versions', {}, 'ENOVERSIONS'],
  ])('manifest of %s is a NoMatchingVersionError with npm-pick-manifest’s code', async (_what, versions, code) => {
    const { transport, client } = setup();
    transport.expectOne('GET', '/pkg').flush({ name: 'pkg', 'dist-tags': {}, versions });
    const error = await failureOf(client.manifest('pkg@^9.0.0'));
    expect(error).toBeInstanceOf(NoMatchingVersionError);
    expect(error).toMatchObject({ code, pkgid: 'pkg' });
    transport.verify();
  });
});

describe('the command line’s errors', () => {
  it('are RegistryErrors with codes of the catalogue', () => {
    for (const error of [new CliError('EBADTARBALL', 'not a tarball'), new ViewError('EINVALIDSYNTAX', 'empty brackets')]) {
      expect(error).toBeInstanceOf(RegistryError);
      expect(error.code in ERROR_CODES).toBe(true);
    }
    expect(new CliError('EUSAGE', 'bad spec')).toMatchObject({ name: 'CliError', code: 'EUSAGE', message: 'bad spec', statusCode: undefined });
  });

  it('reach the library’s errors through its public export only, as any user of rxnpm does', () => {
    const cli = join(__dirname, '..', '..', '..', 'src', 'cli');
    const files = readdirSync(cli, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const deep = files.filter((file) => /from '(\.\.\/)+errors\//.test(readFileSync(join(cli, file), 'utf8')));
    expect(files.length).toBeGreaterThan(20);
    expect(deep).toEqual([]);
  });
});
