import type { GetOptions, RegistryClient } from '../index';
import type { NpmConfig } from './config/load-npm-config';
import type { LevelledLogger } from './output/stderr-logger';

/** What a command runs with: the client, npm's configuration and the terminal. */
export interface CliContext {
  readonly client: RegistryClient;
  readonly config: NpmConfig;
  /** The registry's URL, ending with `/`. */
  readonly registry: string;
  /** The dist-tag meant when a command names none: npm's `tag` setting as the client read it (`latest` by default). */
  readonly tag: string;
  /** `--json`: print JSON results only. */
  readonly json: boolean;
  /** Color on stdout, as npm decides it (`--color`, NO_COLOR, a terminal). */
  readonly color: boolean;
  /** `--offline`, `--prefer-offline`, `--prefer-online`, for reads through the cache. */
  readonly readOptions: Pick<GetOptions, 'offline' | 'preferOffline' | 'preferOnline'>;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly log: LevelledLogger;
  /** Both stdin and stderr are terminals: the user can be asked. */
  readonly interactive: boolean;
  /** Progress bars may be drawn: stderr is a terminal, the output is not JSON and the log level is not silent. */
  readonly showProgress: boolean;
  /** Writes one line to stdout. */
  print(text: string): void;
  /** Writes a value to stdout as JSON, as npm's `--json` does (two-space indent). */
  printJson(value: unknown): void;
}
