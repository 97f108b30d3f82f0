import validate from 'validate-npm-package-name';
import { factOf, textOf } from './fact-of';

/** A failure as npm's `--json` prints it, under `error`: `{ "error": { code, summary, detail } }`. */
export interface JsonError {
  readonly code?: string;
  readonly summary: string;
  readonly detail: string;
  /** Web-based two-factor authentication: where to authenticate, and where the token is then found. */
  readonly authUrl?: string;
  readonly doneUrl?: string;
}

/** What npm says about a failure, line by line, before it joins the lines. */
interface Explanation {
  readonly summary: readonly string[];
  readonly detail: readonly string[];
  readonly web?: { readonly authUrl: string; readonly doneUrl: string };
}

const PROXY_HINT = "If you are behind a proxy, please make sure that the 'proxy' config is set properly.  See: 'npm help config'";
const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ERR_SOCKET_TIMEOUT', 'EAI_FAIL']);

/** The lines npm adds under a 404 about a package: the package's spec, and why its name cannot be published if it cannot. */
function notFoundDetail(pkgid: string): string[] {
  // npm names the spec it asked for; the library names the package, which npm's spec parser writes `name@*`.
  const spec = /^@?[^@]+$/.test(pkgid) ? `${pkgid}@*` : pkgid;
  const name = pkgid.replace(/(?!^)@.*$/, '');
  const lines = ['', ` The requested resource '${spec}' could not be found or you do not have permission to access it.`];
  const valid = validate(name);
  if (!valid.validForNewPackages) {
    lines.push('This package name is not valid, because ');
    [...(valid.errors ?? []), ...(valid.warnings ?? [])].forEach((reason, index) => lines.push(` ${index + 1}. ${reason}`));
  }
  return [...lines, '', 'Note that you can also install from a', 'tarball, folder, http url, or git url.'];
}

/** EOTP, and a 401: a one-time password is missing, or the credentials are wrong (npm tells which by `www-authenticate`). */
function unauthorized(error: unknown, code: string, message: string): Explanation {
  if (code === 'EOTP' || /one-time pass/.test(message)) {
    const authUrl = textOf(factOf(error, 'body'), 'authUrl');
    const doneUrl = textOf(factOf(error, 'body'), 'doneUrl');
    if (authUrl && doneUrl) {
      const detail = ['Open this URL in your browser to authenticate:', `  ${authUrl}`, '', 'After authenticating, your token can be retrieved from:', `  ${doneUrl}`];
      return { summary: ['This operation requires a one-time password.'], detail, web: { authUrl, doneUrl } };
    }
    return {
      summary: ['This operation requires a one-time password from your authenticator.'],
      detail: [
        'You can provide a one-time password by passing --otp=<code> to the command you ran.\nIf you already provided a one-time password then it is likely that you either typoed it, or it timed out. Please try again.',
      ],
    };
  }
  const challenge = textOf(factOf(error, 'headers'), 'www-authenticate')?.split(/[,\s]+/) ?? [];
  if (challenge.includes('Bearer')) {
    return { summary: ['Unable to authenticate, your authentication token seems to be invalid.'], detail: ['To correct this please try logging in again with:\n  npm login'] };
  }
  if (challenge.includes('Basic')) {
    return {
      summary: ['Incorrect or missing password.'],
      detail: [
        [
          'If you were trying to login, change your password, create an authentication token or enable two-factor authentication then that means you likely typed your password in incorrectly.',
          'Please try again, or recover your password at:',
          '  https://www.npmjs.com/forgot',
          '',
          'If you were doing some other operation then your saved credentials are probably out of date.',
          'To correct this please try logging in again with:',
          '  npm login',
        ].join('\n'),
      ],
    };
  }
  return { summary: [message], detail: [] };
}

/** npm's words for each failure it knows (npm 11, `lib/utils/error-message.js`), for the codes rxnpm can meet. */
function explain(error: unknown, code: string, message: string): Explanation {
  const said = String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return { summary: [said], detail: [`\n${PROXY_HINT}`] };
    case 'EACCES':
    case 'EPERM':
      return {
        summary: [said],
        detail: [
          [
            '',
            'The operation was rejected by your operating system.',
            process.platform === 'win32'
              ? "It's possible that the file was already in use (by a text editor or antivirus), or that you lack permissions to access it."
              : 'It is likely you do not have the permissions to access this file as the current user',
            '',
            'If you believe this might be a permissions issue, please double-check the permissions of the file and its containing directories, or try running the command again as root/Administrator.',
          ].join('\n'),
        ],
      };
    case 'EJSONPARSE':
      return { summary: [message], detail: ['Failed to parse JSON data.\nNote: package.json must be actual JSON, not just JavaScript.'] };
    case 'EOTP':
    case 'E401':
      return unauthorized(error, code, message);
    case 'E404': {
      const pkgid = textOf(error, 'pkgid');
      return { summary: [message.replace(/^404\s+/, '')], detail: pkgid && pkgid !== '-' ? notFoundDetail(pkgid) : [] };
    }
    case 'EPUBLISHCONFLICT':
      return {
        summary: ['Cannot publish over existing version.'],
        detail: ["Update the 'version' field in package.json and try again.", '', 'To automatically increment version numbers, see:', '  npm help version'],
      };
    case 'ENEEDAUTH':
      return { summary: [message], detail: ['You need to authorize this machine using `npm adduser`'] };
    case 'ETARGET':
      return { summary: [message], detail: ["In most cases you or one of your dependencies are requesting a package version that doesn't exist."] };
    case 'E403':
      return {
        summary: [message],
        detail: ['In most cases, you or one of your dependencies are requesting a package version that is forbidden by your security policy, or on a server you do not have access to.'],
      };
    case 'ENOSPC':
      return { summary: [message], detail: ['There appears to be insufficient space on your system to finish.\nClear up some disk space and try again.'] };
    case 'EROFS':
      return { summary: [message], detail: ["Often virtualized file systems, or other file systems that don't support symlinks, give this error."] };
    case 'ENOENT': {
      const file = textOf(error, 'file');
      return { summary: [message], detail: [`This is related to npm not being able to find a file.\n${file ? `\nCheck if the file '${file}' is present.` : ''}`] };
    }
    default: {
      if (NETWORK_CODES.has(code)) {
        const network = ['This is a problem related to network connectivity.', 'In most cases you are behind a proxy or have bad network settings.', '', PROXY_HINT];
        return { summary: [message], detail: [network.join('\n')] };
      }
      const cause = textOf(factOf(error, 'cause'), 'message');
      return { summary: [message || said], detail: cause ? [cause] : [] };
    }
  }
}

/**
 * What `--json` prints for a failure, as npm 11 prints it: the code, npm's
 * summary and detail for the codes npm explains (its message and any cause
 * for the others), and npm's `authUrl`/`doneUrl` for web-based two-factor
 * authentication.
 */
export function jsonError(error: unknown): JsonError {
  // Duck-typed rather than instanceof: a file-system error may come from another realm.
  const message = textOf(error, 'message');
  if (message === undefined) return { summary: String(error), detail: '' };
  // npm reads a code from a message that starts with one, as system errors wrapped in text do.
  const code = textOf(error, 'code') ?? /^(?:Error: )?(E[A-Z]+)/.exec(message)?.[1];
  const { summary, detail, web } = explain(error, code ?? '', message);
  return { code, summary: summary.join('\n').trim(), detail: detail.join('\n').trim(), ...web };
}
