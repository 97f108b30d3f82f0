import type { Command } from 'commander';
import { catchError, defer, from, map, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { Profile, ProfileChanges } from '../../index';
import type { CliContext } from '../context';
import { parseable } from '../output/parseable';
import { answers } from './login';
import { lazyRun, type Kit } from './lazy-run';
import type { Select } from './types';

const KNOWN_KEYS = ['name', 'email', 'two-factor auth', 'fullname', 'homepage', 'freenode', 'twitter', 'github', 'created', 'updated'];
const WRITABLE_KEYS = ['email', 'password', 'fullname', 'homepage', 'freenode', 'twitter', 'github'] as const;
type WritableKey = (typeof WRITABLE_KEYS)[number];
const MODES = ['auth-only', 'auth-and-writes'] as const;

/** The profile as npm's `profile get` prints it: the known keys first, the e-mail marked verified or not, two-factor auth by mode. */
export function profileLines(info: Profile): Record<string, unknown> {
  const entries: Record<string, unknown> = Object.fromEntries(Object.entries(info));
  const cleaned: Record<string, unknown> = {};
  for (const key of KNOWN_KEYS) cleaned[key] = entries[key] || '';
  for (const key of Object.keys(entries).filter((k) => !(k in cleaned))) cleaned[key] = entries[key] || '';
  delete cleaned.tfa;
  delete cleaned.email_verified;
  cleaned.email = `${cleaned.email}${info.email_verified ? ' (verified)' : '(unverified)'}`;
  cleaned['two-factor auth'] = info.tfa && !info.tfa.pending ? info.tfa.mode : 'disabled';
  return cleaned;
}

/** `profile get --parseable`, as npm prints it: each key of the profile as the registry sent it, tab-separated from its value; `tfa` as `profile get` names its state. */
function parseableProfileLines(info: Profile): string[] {
  const twoFactor = profileLines(info)['two-factor auth'];
  return Object.entries(info).map(([key, value]) => `${key}\t${key === 'tfa' ? twoFactor : String(value)}`);
}

function get(ctx: CliContext, keys: readonly string[]): Observable<void> {
  return ctx.client.profile.get().pipe(
    map((info) => {
      const { cidr_whitelist: cidr, ...rest } = info;
      const shown = cidr ? info : rest;
      if (ctx.json) return ctx.printJson(shown);
      const cleaned = profileLines(shown);
      const asked = keys.join(',').split(',').filter((key) => key.trim() !== '');
      if (asked.length > 0) return ctx.print(asked.map((key) => cleaned[key]).join('\t'));
      if (parseable(ctx)) return parseableProfileLines(shown).forEach((line) => ctx.print(line));
      for (const [key, value] of Object.entries(cleaned)) ctx.print(`${key}: ${value}`);
    }),
  );
}

interface PasswordOptions {
  password?: string;
  newPassword?: string;
}

/** One field of a profile by its name, which the type does not know in advance. */
function fieldOf(profile: object, key: string): unknown {
  return Object.entries(profile).find(([name]) => name === key)?.[1];
}

function isWritable(key: string): key is WritableKey {
  return (WRITABLE_KEYS as readonly string[]).includes(key);
}

function set(kit: Kit, ctx: CliContext, key: string, words: readonly string[], options: PasswordOptions): Observable<void> {
  return defer(() => {
    const { CliError } = kit;
    const prop = key.toLowerCase().trim();
    const value = words.length > 0 ? words.join(' ') : undefined;
    if (prop !== 'password' && value === undefined) throw new CliError('EUSAGE', 'rxnpm profile set <prop> <value>');
    if (prop === 'password' && value !== undefined) throw new CliError('EUSAGE', 'rxnpm profile set password\nDo not include your current or new passwords on the command line.');
    if (!isWritable(prop)) throw new CliError('EUSAGE', `"${prop}" is not a property we can set. Valid properties are: ${WRITABLE_KEYS.join(', ')}`);
    const change$: Observable<ProfileChanges> =
      prop === 'password'
        ? answers(kit, ctx, [
            { flag: '--password', given: options.password, prompt: 'Current password: ', hidden: true },
            { flag: '--new-password', given: options.newPassword, prompt: 'New password: ', hidden: true },
          ]).pipe(map(([old, next]) => ({ password: { old, new: next } })))
        : of({ [prop]: value });
    // As npm: the registry clears what a change leaves out, so every writable field is sent back as it is.
    return ctx.client.profile.get().pipe(
      mergeMap((user) => change$.pipe(map((change) => ({ ...Object.fromEntries(WRITABLE_KEYS.map((k) => [k, fieldOf(user, k)])), ...change })))),
      mergeMap((changes: ProfileChanges) => ctx.client.profile.set(changes)),
      map((result) => {
        const shown = prop === 'password' ? undefined : fieldOf(result, prop);
        if (ctx.json) ctx.printJson({ [prop]: shown });
        else if (parseable(ctx)) ctx.print(`${prop}\t${String(shown)}`);
        else ctx.print(shown == null ? `Set ${prop}` : `Set ${prop} to ${shown}`);
      }),
    );
  });
}

interface TfaOptions {
  password?: string;
  code?: string;
}

/** The user's password from the registry's classic credentials (`//host/:username` and `:_password`, or `:_auth`), when they log in that way rather than with a token. */
function classicPassword(kit: Kit, ctx: CliContext): string | undefined {
  const credentials = ctx.config.getCredentialsByURI(ctx.registry);
  if (credentials.token) return undefined;
  if (credentials.username && credentials.password !== undefined) return credentials.password;
  if (!credentials.auth) throw new kit.CliError('ENEEDAUTH', `You need to be logged in to registry ${ctx.registry} in order to enable 2fa`);
  // As npm: the user name and password are the first two parts of `user:password` in `_auth`.
  return Buffer.from(credentials.auth, 'base64').toString().split(':', 2)[1] ?? '';
}

/**
 * As npm: a user logged in with a password is given a token first (the
 * registry sets two-factor auth for bearer tokens only), saved in the user's
 * .npmrc as npm saves it (its `_authToken` replaces `username` and
 * `_password`). The client sends it from then on; npm 11 goes on sending
 * the password it started with, which such a registry refuses.
 */
function upgradeToToken(kit: Kit, ctx: CliContext): Observable<unknown> {
  return defer(() => {
    const password = classicPassword(kit, ctx);
    if (password === undefined) return of(undefined);
    ctx.log.info('profile', 'Updating authentication to bearer token');
    return ctx.client.tokens.create({ password, readonly: false, cidr: [], use: true }).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof kit.NoTokenError)) return throwError(() => error);
        return throwError(() => new kit.CliError('ENOTOKEN', `Your registry ${ctx.registry} does not seem to support bearer tokens. Bearer tokens are required for two-factor authentication.`, { cause: error }));
      }),
      mergeMap(({ token }) => {
        ctx.config.setCredentialsByURI(ctx.registry, { token });
        return from(ctx.config.save('user'));
      }),
    );
  });
}

/** The otpauth URL the registry sent to set up two-factor auth, drawn as npm draws it: a QR code, and the secret to type instead. */
function showChallenge(kit: Kit, ctx: CliContext, otpauth: string): Observable<void> {
  return kit.qrCode(otpauth).pipe(map((code) => ctx.print(`Scan into your authenticator app:\n${code}\n Or enter code: ${new URL(otpauth).searchParams.get('secret')}`)));
}

function enable2fa(kit: Kit, ctx: CliContext, mode: string, options: TfaOptions): Observable<void> {
  return defer(() => {
    const { CliError } = kit;
    if (!MODES.some((m) => m === mode)) {
      throw new CliError('EUSAGE', `Invalid two-factor authentication mode "${mode}".\nValid modes are:\n  auth-only - Require two-factor authentication only when logging in\n  auth-and-writes - Require two-factor authentication when logging in AND when publishing`);
    }
    if (ctx.json || parseable(ctx)) {
      throw new CliError('EUSAGE', `Enabling two-factor authentication is an interactive operation and ${ctx.json ? 'JSON' : 'parseable'} output mode is not available`);
    }
    const tfaMode = mode === 'auth-only' ? 'auth-only' : 'auth-and-writes';
    return ctx.client.profile.get().pipe(
      mergeMap((user) => {
        if (user.tfa && !user.tfa.pending && user.tfa.mode === tfaMode) return of(ctx.print(`Two factor authentication is already enabled and set to ${tfaMode}`));
        return upgradeToToken(kit, ctx).pipe(
          mergeMap(() => {
            ctx.log.notice('profile', `Enabling two factor authentication for ${tfaMode}`);
            return answers(kit, ctx, [{ flag: '--password', given: options.password, prompt: 'Password: ', hidden: true }]);
          }),
          mergeMap(([password]) => {
            const set$ = ctx.client.profile.set({ tfa: { mode: tfaMode, password } });
            // A setup left unconfirmed is reset first, as npm does.
            return user.tfa?.pending ? ctx.client.profile.set({ tfa: { password, mode: 'disable' } }).pipe(mergeMap(() => set$)) : set$;
          }),
          mergeMap(({ tfa }) => {
            if (tfa && typeof tfa === 'object' && 'mode' in tfa) return of(ctx.print(`Two factor authentication mode changed to: ${tfaMode}`));
            if (typeof tfa !== 'string' || !/^otpauth:[/][/]/.test(tfa)) {
              throw new CliError('EBADRESPONSE', `Unknown error enabling two-factor authentication. Expected otpauth URL, got: ${JSON.stringify(tfa)}`);
            }
            return showChallenge(kit, ctx, tfa).pipe(
              mergeMap(() => answers(kit, ctx, [{ flag: '--code', given: options.code, prompt: 'And an OTP code from your authenticator: ' }])),
              mergeMap(([code]) => ctx.client.profile.set({ tfa: [code] })),
              map((result) => {
                ctx.print('2FA successfully enabled. Below are your recovery codes, please print these out.');
                ctx.print('You will need these to recover access to your account if you lose your authentication device.');
                for (const recovery of Array.isArray(result.tfa) ? result.tfa : []) ctx.print(`\t${recovery}`);
              }),
            );
          }),
        );
      }),
    );
  });
}

function disable2fa(kit: Kit, ctx: CliContext, options: TfaOptions): Observable<void> {
  return ctx.client.profile.get().pipe(
    mergeMap((user) => {
      if (!user.tfa || user.tfa.pending) return of(ctx.print('Two factor authentication not enabled.'));
      return answers(kit, ctx, [{ flag: '--password', given: options.password, prompt: 'Password: ', hidden: true }]).pipe(
        mergeMap(([password]) => ctx.client.profile.set({ tfa: { password, mode: 'disable' } })),
        map(() => {
          if (ctx.json) ctx.printJson({ tfa: false });
          else if (parseable(ctx)) ctx.print('tfa\tfalse');
          else ctx.print('Two factor authentication disabled.');
        }),
      );
    }),
  );
}

/** `profile get|set|enable-2fa|disable-2fa`, with npm's aliases of the 2FA subcommands. */
export function defineProfile(program: Command, select: Select): void {
  const profile = program.command('profile').description('change settings on your registry profile');
  profile
    .command('get')
    .description('show your profile, or some of its keys')
    .argument('[keys...]', 'keys to show, tab-separated')
    .action((keys: string[], _options: unknown, command: Command) => select('profile get', command, lazyRun((_kit, ctx) => get(ctx, keys))));
  profile
    .command('set')
    .description('change one property of your profile')
    .argument('<key>', WRITABLE_KEYS.join(', '))
    .argument('[value...]', 'the new value (none for password: it is asked)')
    .option('--password <password>', 'current password, for `set password` (asked on a terminal when missing)')
    .option('--new-password <password>', 'new password, for `set password` (asked on a terminal when missing)')
    .action((key: string, value: string[], options: PasswordOptions, command: Command) => select(`profile set ${key}`, command, lazyRun((kit, ctx) => set(kit, ctx, key, value, options))));
  profile
    .command('enable-2fa')
    .aliases(['enable-tfa', 'enable2fa', 'enabletfa'])
    .description('turn on two-factor authentication')
    .argument('[mode]', 'auth-only or auth-and-writes', 'auth-and-writes')
    .option('--password <password>', 'your password (asked on a terminal when missing)')
    .option('--code <otp>', 'a code from your authenticator, to confirm (asked on a terminal when missing)')
    .action((mode: string, options: TfaOptions, command: Command) => select('profile enable-2fa', command, lazyRun((kit, ctx) => enable2fa(kit, ctx, mode, options))));
  profile
    .command('disable-2fa')
    .aliases(['disable-tfa', 'disable2fa', 'disabletfa'])
    .description('turn off two-factor authentication')
    .option('--password <password>', 'your password (asked on a terminal when missing)')
    .action((options: TfaOptions, command: Command) => select('profile disable-2fa', command, lazyRun((kit, ctx) => disable2fa(kit, ctx, options))));
}
