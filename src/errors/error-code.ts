/** What one error code says: what went wrong, and what to do about it. */
export interface ErrorCodeDoc {
  readonly meaning: string;
  readonly action: string;
}

/**
 * Every code rxnpm names, one line each. The README's error table is made
 * from this record (`npm run docs:errors`) and a test holds the two, and every
 * code thrown in `src/`, to it. Two families are open-ended and documented
 * once in {@link ERROR_CODE_FAMILIES}: `E<status>` and the system codes rxnpm
 * does not name.
 */
export const ERROR_CODES = {
  EUSAGE: {
    meaning: 'An operation or command was given arguments it cannot use (a package name, spec, option or URL); nothing was sent.',
    action: 'Fix the argument the message names.',
  },
  ECONFIG: {
    meaning: 'A configuration value is missing or invalid (`ConfigError.key` names it as npm spells it).',
    action: 'Fix that key in the client options or in `.npmrc`.',
  },
  EOTP: {
    meaning: 'The registry wants a one-time password for this write.',
    action: 'Repeat it with `otp` (`--otp <code>`), or give the client an `otpPrompt`.',
  },
  EAUTHIP: {
    meaning: 'The registry refused the credentials from this IP address.',
    action: 'Send from an address the token allows, or allow this one where the token was made.',
  },
  ENEEDAUTH: {
    meaning: 'The operation needs credentials, and there are none or the registry does not know them.',
    action: 'Log in (`adduser`) or configure a token (`//host/:_authToken`).',
  },
  ENOTOKEN: {
    meaning: 'The registry accepted a login but sent no token to use.',
    action: 'Configure a token by hand; the registry may not support logging in this way.',
  },
  ENOWEBLOGIN: {
    meaning: 'The registry has no web login (it answered `POST /-/v1/login` with a 4xx or 500), and no classic login was offered to fall back on.',
    action: 'Log in with a user name and password (`--auth-type=legacy`), or give `loginWeb` a `classic` fallback.',
  },
  EPUBLISHCONFLICT: {
    meaning: 'The version being published exists already; nothing was overwritten.',
    action: 'Publish a new version.',
  },
  ETARGET: {
    meaning: 'No version of the package matches the version, range or tag asked for.',
    action: 'Ask for one of the versions or dist-tags the package has (`rxnpm view <name>`).',
  },
  ENOVERSIONS: {
    meaning: 'The package has no versions at all to pick from.',
    action: 'Publish a version first, or check the package name.',
  },
  ENOTCACHED: {
    meaning: 'Offline mode, and the cache has no copy of what was asked for.',
    action: 'Run it again online (without `offline` / `--offline`).',
  },
  ECACHE: {
    meaning: 'The cache folder cannot be used: a path in it is a file, or it may not be read or written.',
    action: 'Point `cache` at a folder rxnpm may write.',
  },
  ETIMEDOUT: {
    meaning: 'Nothing arrived for `fetch-timeout` ms, or one attempt went on for 10 × that; retried.',
    action: 'Check the network or proxy, or raise `fetch-timeout`.',
  },
  ECONNRESET: {
    meaning: 'The server or a proxy dropped the connection, or the body ended early; retried.',
    action: 'Usually passes; if it persists, check the proxy between you and the registry.',
  },
  ECONNREFUSED: {
    meaning: 'Nothing listens at the registry’s address; retried.',
    action: 'Check the registry URL (`--registry`, `registry=` in `.npmrc`) and that the registry is up.',
  },
  ENOTFOUND: {
    meaning: 'The registry’s host name does not resolve.',
    action: 'Check the registry URL (`--registry`, `registry=` in `.npmrc`).',
  },
  EAI_AGAIN: {
    meaning: 'A temporary DNS failure; retried.',
    action: 'Check the network and its DNS server.',
  },
  EHOSTUNREACH: {
    meaning: 'No route to the registry’s host.',
    action: 'Check the network, a VPN, or the proxy settings (`proxy`, `https-proxy`).',
  },
  ENETUNREACH: {
    meaning: 'The network the registry is on cannot be reached from here.',
    action: 'Check the network connection and the proxy settings.',
  },
  EPIPE: {
    meaning: 'The connection closed while the body was being sent; retried.',
    action: 'Usually passes; if it persists, check the proxy or the size limits of the registry.',
  },
  EADDRINUSE: {
    meaning: 'No local port was free for the connection at that moment; retried.',
    action: 'Lower `maxsockets`, or end what holds the ports.',
  },
  ENETWORK: {
    meaning: 'The connection failed with no system code to say why.',
    action: 'Read the error’s `cause`; check the network and the proxy.',
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    meaning: 'The registry’s TLS certificate chain ends in a certificate this machine does not trust (often a corporate proxy’s).',
    action: 'Give that certificate as `ca` (or `cafile` to npm); `strict-ssl false` only as a last resort.',
  },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    meaning: 'The registry’s TLS certificate is self-signed.',
    action: 'Give that certificate as `ca`.',
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    meaning: 'The registry’s TLS certificate cannot be traced to a trusted authority (an intermediate is missing).',
    action: 'Give the missing authority as `ca`, or fix the server’s chain.',
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    meaning: 'The issuer of the registry’s TLS certificate is not among the trusted ones here.',
    action: 'Give the issuer’s certificate as `ca`.',
  },
  CERT_HAS_EXPIRED: {
    meaning: 'The registry’s TLS certificate has expired (or this machine’s clock is wrong).',
    action: 'Check the clock; otherwise the registry must renew its certificate.',
  },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    meaning: 'The registry’s TLS certificate is for another host name.',
    action: 'Check the registry URL’s host name.',
  },
  EJSONPARSE: {
    meaning: 'A response that should be JSON is not (`body` holds the text).',
    action: 'Check that the registry URL points at a registry, not at a web page or a proxy’s login page.',
  },
  EBADENCODING: {
    meaning: 'The body does not decode as its Content-Encoding says (cut short or corrupt); retried.',
    action: 'Usually passes; if it persists, check the proxy that compresses the answers.',
  },
  EUNKNOWNENCODING: {
    meaning: 'The body is in a content coding rxnpm cannot decode, or in more codings than it will undo.',
    action: 'Have the registry or the proxy send a coding of `ACCEPT_ENCODING` (gzip, deflate, br; zstd on newer Node), or none.',
  },
  ETOOLARGE: {
    meaning: 'A response body larger than `max-response-size` was refused before it could fill memory.',
    action: 'Raise `max-response-size` if the document is really that large.',
  },
  EREDIRECT: {
    meaning: 'A redirect rxnpm will not follow: to a URL that is not http(s), or of a body to another origin.',
    action: 'Use the URL the redirect names (`location`) directly, if you trust it.',
  },
  EMAXREDIRECTS: {
    meaning: 'More than 20 redirects in a row.',
    action: 'Check the registry URL; the server or a proxy redirects in a loop.',
  },
  EINTEGRITY: {
    meaning: 'A tarball does not match its manifest’s hash, or the manifest offers no hash rxnpm accepts.',
    action: 'Do not use the tarball; report it to the registry’s operators.',
  },
  EINTEGRITYSIGNATURE: {
    meaning: 'A version’s registry signature does not verify over `name@version:integrity` with the key it names: the manifest was changed after the registry signed it.',
    action: 'Do not install it; report it to the registry’s operators.',
  },
  EMISSINGSIGNATURE: {
    meaning: 'The registry lists signing keys, but a version carries no registry signature (`dist.signatures`).',
    action: 'Do not trust it without checking; report it to the registry’s operators.',
  },
  EMISSINGSIGNATUREKEY: {
    meaning: 'A version is signed with a key id the registry’s keys (`/-/npm/v1/keys`) do not list.',
    action: 'Check that the registry URL is the one that published it; otherwise report it.',
  },
  EEXPIREDSIGNATUREKEY: {
    meaning: 'A version is signed with a registry key that had expired before the version was published.',
    action: 'Do not trust the signature; report it to the registry’s operators.',
  },
  EBADRESPONSE: {
    meaning: 'The registry answered with something that cannot be what was asked for (another package’s manifest, a version that is not semver, a tarball URL that is not http(s)); nothing was written from it.',
    action: 'Report it to the registry’s operators; check that the registry URL is the one you meant.',
  },
  ETOODEEP: {
    meaning: 'A JSON document is nested more than 512 levels deep (`MAX_JSON_DEPTH`); it is refused where it would be copied or printed.',
    action: 'Nothing to change here; no registry document comes near it.',
  },
  EBADTARBALL: {
    meaning: 'The command line: a tarball to publish is not a gzipped tar with a package.json that has a name and a version.',
    action: 'Make it with `npm pack`.',
  },
  ENOENT: {
    meaning: 'The command line: a file named on it does not exist.',
    action: 'Check the path.',
  },
  EAUDIT: {
    meaning: 'The command line: `audit` found what it looks for (missing or invalid registry signatures, or vulnerabilities at or above `--audit-level`), or nothing it could audit; its report is on stdout.',
    action: 'Read the report; exit code 1 is meant to fail a CI step.',
  },
  EINVALIDCIDR: {
    meaning: 'The command line: a `--cidr` range of `token create` is not an IPv4 CIDR range (npm\'s code); nothing was sent.',
    action: 'Give IPv4 ranges such as `192.0.2.0/24`, comma-separated or one per flag.',
  },
  EINVALIDSYNTAX: {
    meaning: 'The command line: a `view` field uses empty brackets (`versions[]`).',
    action: 'Name an index or a key in the brackets, or leave them out.',
  },
} as const satisfies Readonly<Record<string, ErrorCodeDoc>>;

/** The families of codes that are open-ended, documented once each. */
export const ERROR_CODE_FAMILIES = {
  'E<status>': {
    meaning: 'The registry answered with that HTTP status, 400 or more (`HttpError`): E401 not logged in, E403 forbidden, E404 no such package or version, E409 a conflicting write; 408, 429 and 5xx are retried first.',
    action: 'Read the message, which carries the registry’s own words; on E401 log in or configure a token.',
  },
  '<system code>': {
    meaning: 'A code the system, TLS or undici gave for a failed connection and rxnpm does not name above, kept as it was given (`NetworkError`).',
    action: 'Look the code up in Node’s documentation; the error’s `cause` holds the original.',
  },
} as const satisfies Readonly<Record<string, ErrorCodeDoc>>;

/** A code rxnpm names, with a line in {@link ERROR_CODES}. */
export type NamedErrorCode = keyof typeof ERROR_CODES;

/** `E` and the HTTP status the registry answered, e.g. `E404`. */
export type HttpStatusErrorCode = `E${number}`;

declare const systemCode: unique symbol;

/**
 * A code the system gave that rxnpm does not name (only `NetworkError` makes
 * one). Branded, so a mistyped literal is still a compile error.
 */
export type SystemErrorCode = string & { readonly [systemCode]: true };

/**
 * The `code` of every `RegistryError`.
 *
 * @example
 * client.get('/rxjs').subscribe({
 *   error: (err) => { if (err instanceof RegistryError && err.code === 'ENOTCACHED') console.error('run it again online'); },
 * });
 */
export type ErrorCode = NamedErrorCode | HttpStatusErrorCode | SystemErrorCode;

/** Whether `code` is one rxnpm names in {@link ERROR_CODES}. */
export function isNamedErrorCode(code: string): code is NamedErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * What a code means and what to do: its line in {@link ERROR_CODES}, or its
 * family's in {@link ERROR_CODE_FAMILIES}.
 *
 * @example
 * client.get('/rxjs').subscribe({ error: (err: RegistryError) => console.error(`${err.message}: ${errorCodeDoc(err.code).action}`) });
 */
export function errorCodeDoc(code: string): ErrorCodeDoc {
  if (isNamedErrorCode(code)) return ERROR_CODES[code];
  return /^E\d+$/.test(code) ? ERROR_CODE_FAMILIES['E<status>'] : ERROR_CODE_FAMILIES['<system code>'];
}
