import { MAX_JSON_DEPTH, nestedDeeperThan, RegistryClient, TooDeepError } from '../index';
import { clientConfig } from './config/client-config';
import { defaultCacheFolder } from './config/default-cache';
import type { GlobalFlags } from './config/global-flags';
import { loadNpmConfig, type ConfigEnvironment } from './config/load-npm-config';
import type { CliContext } from './context';
import { isLogLevel, type CliLogLevel, type LevelledLogger } from './output/stderr-logger';
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

/**
 * Loads npm's configuration with the flags on top, and builds the client and
 * the context a command runs in. `setLogLevel` is told the level the
 * configuration settles on (flag, environment or .npmrc).
 */
export async function openSession(
  flags: GlobalFlags,
  environment: ConfigEnvironment,
  streams: Streams,
  log: LevelledLogger,
  setLogLevel: (level: CliLogLevel) => void,
): Promise<Session> {
  const config = await loadNpmConfig(flags, environment);
  const level = config.get('loglevel');
  if (isLogLevel(level)) setLogLevel(level);

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
