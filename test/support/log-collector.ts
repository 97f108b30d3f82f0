import type { Logger, LogLevel } from '../../src/config/logger';

export interface LogLine {
  readonly level: LogLevel;
  readonly prefix: string;
  readonly message: string;
  readonly args: readonly unknown[];
}

export interface LogCollector {
  /** Pass as the client's `log`: it has every level. */
  readonly log: Required<Logger>;
  readonly lines: readonly LogLine[];
  /** Lines with this prefix (e.g. `fetch`: one per attempt; `retry`: one per retry). */
  withPrefix(prefix: string): LogLine[];
  /** Every line as text, one per line, arguments included. */
  text(): string;
}

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'notice', 'http', 'info', 'verbose', 'silly'];

/** A logger that keeps every line it is given, at every level. */
export function collectLog(): LogCollector {
  const lines: LogLine[] = [];
  const log = Object.fromEntries(
    LEVELS.map((level) => [level, (prefix: string, message: string, ...args: unknown[]) => lines.push({ level, prefix, message, args })]),
  ) as unknown as Required<Logger>;
  return {
    log,
    lines,
    withPrefix: (prefix) => lines.filter((line) => line.prefix === prefix),
    text: () =>
      lines
        .map(({ level, prefix, message, args }) => [level, prefix, message, ...args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))].join(' '))
        .join('\n'),
  };
}
