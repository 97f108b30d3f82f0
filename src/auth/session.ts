import type { AuthSettings, Credentials } from './credentials';
import { secretsOf } from './credentials';
import { nerfDart } from './nerf-dart';

/**
 * The credentials a client learns while it runs, over the configured ones: the
 * token `adduser` returns is used for the rest of the client's life, and
 * `logout` forgets it. Secrets learned here are masked like configured ones.
 */
export class Session {
  private settings: AuthSettings;
  /** Every credential value, configured or learned; shared with the interceptors that mask them. */
  readonly secrets: string[];

  constructor(settings: AuthSettings, secrets: readonly string[]) {
    this.settings = settings;
    this.secrets = [...secrets];
  }

  get auth(): AuthSettings {
    return this.settings;
  }

  /** From now on, requests under `registry` carry this token. */
  useToken(registry: string, token: string): void {
    this.use(registry, { type: 'bearer', token });
  }

  /** The bearer token requests under `registry` carry, if any. */
  tokenFor(registry: string): string | undefined {
    const credentials = this.settings.scoped.get(nerfDart(registry));
    return credentials?.type === 'bearer' ? credentials.token : undefined;
  }

  /** Requests under `registry` carry no scoped credentials any more. */
  forget(registry: string): void {
    const scoped = new Map(this.settings.scoped);
    scoped.delete(nerfDart(registry));
    this.settings = { ...this.settings, scoped };
  }

  private use(registry: string, credentials: Credentials): void {
    const scoped = new Map(this.settings.scoped);
    scoped.set(nerfDart(registry), credentials);
    this.settings = { ...this.settings, scoped };
    this.secrets.push(...secretsOf(credentials));
  }
}
