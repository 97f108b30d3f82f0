import type { Logger, OtpPrompt, RegistryClientConfig } from '../../index';
import type { NpmConfig } from './load-npm-config';

export interface ClientExtras {
  /** rxnpm's cache folder (never npm's `_cacache`). */
  readonly cache: string;
  readonly log: Logger;
  readonly otpPrompt: OtpPrompt;
}

/**
 * The client's view of npm's configuration: every setting is read from npm's
 * loaded layers by its npm name, so `.npmrc` files, `npm_config_*` variables
 * and flags all apply, and the per-registry keys (`//host/:_authToken`) are
 * listed from the layers. Only the cache, the logger and npm's own
 * user-agent template are rxnpm's.
 */
export function clientConfig(config: NpmConfig, extras: ClientExtras): RegistryClientConfig {
  const own: Record<string, unknown> = {
    cache: extras.cache,
    log: extras.log,
    'user-agent': config.find('user-agent') === 'default' ? undefined : config.flat.userAgent,
  };
  const source = {
    get: (key: string): unknown => (Object.hasOwn(own, key) ? own[key] : config.get(key)),
    // The client lists per-registry and scope keys from the layers, as @npmcli/config keeps them.
    list: config.list,
  };
  return Object.assign(source, { otpPrompt: extras.otpPrompt });
}
