/** The options every command takes, as commander hands them over (unset ones are absent). */
export interface GlobalFlags {
  registry?: string;
  cache?: string;
  offline?: boolean;
  preferOffline?: boolean;
  preferOnline?: boolean;
  otp?: string;
  json?: boolean;
  loglevel?: string;
  http2?: boolean;
}

/** Each flag's npm configuration key: a flag is the `cli` layer of npm's configuration, above .npmrc and the environment. */
const FLAG_KEYS = {
  registry: 'registry',
  cache: 'cache',
  offline: 'offline',
  preferOffline: 'prefer-offline',
  preferOnline: 'prefer-online',
  otp: 'otp',
  json: 'json',
  loglevel: 'loglevel',
  http2: 'http2',
} as const satisfies Record<keyof GlobalFlags, string>;

const FLAGS = Object.keys(FLAG_KEYS).filter((name): name is keyof GlobalFlags => Object.hasOwn(FLAG_KEYS, name));

/** The `npm_config_*` names of the flags, so `npm_config_loglevel=http` works as `--loglevel http` does. */
export function flagEntries(flags: GlobalFlags): Array<[key: string, value: unknown]> {
  return FLAGS.filter((name) => flags[name] !== undefined).map((name) => [FLAG_KEYS[name], flags[name]]);
}
