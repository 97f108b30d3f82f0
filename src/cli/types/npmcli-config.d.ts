// @npmcli/config ships no types: what rxnpm's command line uses of it.
declare module '@npmcli/config' {
  type Where = 'default' | 'builtin' | 'global' | 'user' | 'project' | 'env' | 'cli';

  interface ConfigOptions {
    definitions: Record<string, unknown>;
    shorthands: Record<string, string[]>;
    flatten: (obj: Record<string, unknown>, flat?: Record<string, unknown>) => Record<string, unknown>;
    nerfDarts?: readonly string[];
    npmPath: string;
    env?: NodeJS.ProcessEnv;
    argv?: readonly string[];
    platform?: NodeJS.Platform;
    execPath?: string;
    cwd?: string;
    warn?: boolean;
  }

  class Config {
    constructor(options: ConfigOptions);
    readonly list: ReadonlyArray<Record<string, unknown>>;
    readonly home: string;
    readonly flat: Record<string, unknown>;
    readonly sources: ReadonlyMap<string, string>;
    readonly definitions: Record<string, unknown>;
    readonly nerfDarts: readonly string[];
    /** The folder npm takes for the project: the nearest one up from cwd with a package.json or node_modules. */
    readonly localPrefix: string;
    readonly globalPrefix: string;
    /** What nopt left of argv: the positionals (`remain`), and argv with shorthands expanded (`cooked`). */
    readonly parsedArgv: { readonly remain: readonly string[]; readonly cooked: readonly string[]; readonly original: readonly string[] };
    /** Each layer's values, by where they came from. */
    readonly data: ReadonlyMap<Where, { readonly data: Record<string, unknown> }>;
    /** Logs the warnings queued while loading with `warn: false`. */
    logWarnings?(): void;
    load(): Promise<void>;
    get(key: string, where?: Where): unknown;
    set(key: string, value: unknown, where?: Where): void;
    delete(key: string, where?: Where): void;
    find(key: string): Where | null;
    save(where: 'global' | 'user' | 'project'): Promise<void>;
    setCredentialsByURI(uri: string, credentials: { token?: string; username?: string; password?: string }): void;
    clearCredentialsByURI(uri: string, level?: Where): void;
    getCredentialsByURI(uri: string): { token?: string; username?: string; password?: string; auth?: string; email?: string };
  }

  export = Config;
}

declare module '@npmcli/config/lib/definitions' {
  export const definitions: Record<string, unknown>;
  export const shorthands: Record<string, string[]>;
  export const nerfDarts: readonly string[];
  export function flatten(obj: Record<string, unknown>, flat?: Record<string, unknown>): Record<string, unknown>;
}
