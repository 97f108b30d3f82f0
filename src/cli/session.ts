import { MAX_JSON_DEPTH, nestedDeeperThan, RegistryClient, TooDeepError } from '../index';
import { clientConfig } from './config/client-config';
import { defaultCacheFolder } from './config/default-cache';
import type { ConfigEnvironment, NpmConfig } from './config/load-npm-config';
import type { CliContext } from './context';
import type { LevelledLogger } from './output/stderr-logger';
import { otpPrompt } from './prompt/otp-prompt';

export interface Streams {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

export interface Session {
  readonly context: CliContext;
  /** Waits for cache writes, then closes the client's sockets. */
  close(): Promise<void>;
}

/** Builds the client and the context a command runs in from npm's loaded configuration (flags included). */
export function openSession(config: NpmConfig, environment: Pick<ConfigEnvironment, 'env' | 'platform'>, streams: Streams, log: LevelledLogger): Session {
  const level = config.get('loglevel');
  const flat = config.flat;
  const json = config.get('json') === true;
  const interactive = Boolean(streams.stdin.isTTY && streams.stderr.isTTY);
  // --cache is rxnpm's cache folder; npm's `cache` setting from .npmrc or the environment names npm's own, so it is not used.
  const cache = config.find('cache') === 'cli' ? String(config.get('cache')) : defaultCacheFolder(environment.env, config.home, environment.platform);
  const client = new RegistryClient(clientConfig(config, { cache, log, otpPrompt: otpPrompt(streams, interactive) }));

  const context: CliContext = {
    client,
    config,
    registry: client.config.registry,
    tag: client.config.tag,
    json,
    color: flat.color === true,
    readOptions: { offline: flat.offline === true, preferOffline: flat.preferOffline === true, preferOnline: flat.preferOnline === true },
    ...streams,
    log,
    interactive,
    showProgress: Boolean(streams.stderr.isTTY) && !json && level !== 'silent',
    print: (text) => streams.stdout.write(`${text}\n`),
    printJson: (value) => {
      if (nestedDeeperThan(value)) throw new TooDeepError(MAX_JSON_DEPTH, 'the registry\'s answer');
      streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
  return { context, close: () => client.close() };
}
