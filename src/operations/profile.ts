import { defer, map, type Observable } from 'rxjs';
import type { OperationContext } from './operation-context';
import { request } from './request';

/** Two-factor authentication as the profile shows it. */
export interface TwoFactorAuth {
  readonly mode: 'auth-only' | 'auth-and-writes';
  /** Set up but not confirmed with a code yet. */
  readonly pending?: boolean;
}

/** The logged-in user's profile, `GET /-/npm/v1/user`. */
export interface Profile {
  readonly name: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly tfa?: TwoFactorAuth | null;
  readonly fullname?: string;
  readonly homepage?: string;
  readonly freenode?: string;
  readonly twitter?: string;
  readonly github?: string;
  readonly cidr_whitelist?: readonly string[] | null;
  readonly created?: string;
  readonly updated?: string;
}

/**
 * What `profile.set` changes. Two-factor auth is set in steps, as the
 * registry does it: `{ tfa: { password, mode } }` answers with an
 * `otpauth://` URL in `tfa`; `{ tfa: [code] }` confirms it with a code from
 * the authenticator and answers with recovery codes; `{ tfa: { password,
 * mode: 'disable' } }` turns it off.
 */
export interface ProfileChanges {
  readonly email?: string | null;
  readonly fullname?: string | null;
  readonly homepage?: string | null;
  readonly freenode?: string | null;
  readonly twitter?: string | null;
  readonly github?: string | null;
  readonly password?: { readonly old: string; readonly new: string };
  readonly tfa?: { readonly password: string; readonly mode: TwoFactorAuth['mode'] | 'disable' } | readonly string[];
}

/** The profile after a change; `tfa` is the otpauth URL or the recovery codes while two-factor auth is being set up. */
export interface ProfileAfterChange extends Omit<Profile, 'tfa'> {
  readonly tfa?: TwoFactorAuth | string | readonly string[] | null;
}

const USER = '/-/npm/v1/user';

/** The logged-in user's profile. */
export function getProfile(ctx: OperationContext): Observable<Profile> {
  return request<Profile>(ctx, 'GET', USER).pipe(map(({ data }) => data));
}

function passwordsOf(changes: ProfileChanges): string[] {
  const tfa = changes.tfa && !Array.isArray(changes.tfa) && 'password' in changes.tfa ? [changes.tfa.password] : [];
  return [...tfa, ...(changes.password ? [changes.password.old, changes.password.new] : [])];
}

/**
 * Changes the profile. An empty string clears a field (the registry takes
 * `null` for that, never ''). Passwords in the changes are kept out of
 * messages; with two-factor auth on, the registry may ask for a one-time
 * password (EOTP), which the client's `otp`/`otpPrompt` answer.
 */
export function setProfile(ctx: OperationContext, changes: ProfileChanges): Observable<ProfileAfterChange> {
  return defer(() => {
    ctx.session.secrets.push(...passwordsOf(changes));
    const body = Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value === '' ? null : value]));
    return request<ProfileAfterChange>(ctx, 'POST', USER, body);
  }).pipe(map(({ data }) => data));
}
