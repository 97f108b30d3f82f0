/** One set of credentials, as sent in one header. */
export type Credentials =
  | { readonly type: 'bearer'; readonly token: string }
  /** `auth` is base64 of `user:password`. */
  | { readonly type: 'basic'; readonly auth: string }
  /** A CouchDB session cookie (the seed's `_token`). */
  | { readonly type: 'cookie'; readonly cookie: string };

/** Where credentials may be sent: scoped ones by URL prefix, the default ones to the registry's host. */
export interface AuthSettings {
  /** The default registry's URL. */
  readonly registry: string;
  /** Send the default credentials on reads too. */
  readonly alwaysAuth: boolean;
  /** The seed's top-level `_auth`, `auth`, `username`/`_password` or `_token`. */
  readonly defaultCredentials?: Credentials;
  /** Per-registry credentials by nerf-dart key (`//host[:port]/path/`). */
  readonly scoped: ReadonlyMap<string, Credentials>;
}

/** The header that carries the credentials. */
export function credentialHeader(credentials: Credentials): [name: string, value: string] {
  switch (credentials.type) {
    case 'bearer':
      return ['authorization', `Bearer ${credentials.token}`];
    case 'basic':
      return ['authorization', `Basic ${credentials.auth}`];
    case 'cookie':
      return ['cookie', credentials.cookie];
  }
}

/** Every secret value in a set of credentials, so they can be kept out of messages. */
export function secretsOf(credentials: Credentials): string[] {
  switch (credentials.type) {
    case 'bearer':
      return [credentials.token];
    case 'basic': {
      const decoded = Buffer.from(credentials.auth, 'base64').toString('utf8');
      const password = decoded.slice(decoded.indexOf(':') + 1);
      return [credentials.auth, decoded, password];
    }
    case 'cookie':
      return [credentials.cookie, credentials.cookie.replace(/^AuthSession=/, '')];
  }
}
