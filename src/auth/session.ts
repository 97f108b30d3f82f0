import type { AuthSettings, Credentials } from './credentials';
import { secretsOf } from './credentials';
import { nerfDart, nerfDartAncestors } from './nerf-dart';

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

  /**
   * Requests under `registry` stop carrying the scoped credentials they were
   * getting: those of its own key or, failing that, of the nearest enclosing
   * one (`//host/` for `http://host/npm/`), as npm's logout clears the key it used.
   */
  forget(registry: string): void {
    const scoped = new Map(this.settings.scoped);
    const used = nerfDartAncestors(nerfDart(registry)).find((key) => scoped.has(key));
    if (used) scoped.delete(used);
    this.settings = { ...this.settings, scoped };
  }

  private use(registry: string, credentials: Credentials): void {
    const scoped = new Map(this.settings.scoped);
    scoped.set(nerfDart(registry), credentials);
    this.settings = { ...this.settings, scoped };
    this.secrets.push(...secretsOf(credentials));
  }
}
