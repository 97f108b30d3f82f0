import type { Logger, LogLevel } from '../../index';

/** npm's log levels, quietest first; `--loglevel` shows its own and every one before it. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'notice', 'http', 'info', 'verbose', 'silly'] as const;
export type CliLogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: unknown): value is CliLogLevel {
  return LOG_LEVELS.some((level) => level === value);
}

/** True when a message at `level` shows under `threshold`. */
function shows(threshold: CliLogLevel, level: string): boolean {
  const at = LOG_LEVELS.findIndex((known) => known === level);
  return at > 0 && at <= LOG_LEVELS.indexOf(threshold);
}

export interface LevelledLogger extends Required<Logger> {
  /** Any level by name, as proc-log events name them. */
  write(level: string, ...parts: unknown[]): void;
}

/**
 * An npmlog-style logger writing `rxnpm <level> <prefix> <message>` lines to
 * stderr for the levels `threshold()` lets through, as npm does.
 */
export function stderrLogger(stderr: { write(text: string): unknown }, threshold: () => CliLogLevel): LevelledLogger {
  const write = (level: string, ...parts: unknown[]) => {
    if (!shows(threshold(), level)) return;
    const text = parts
      .filter((part) => part !== '' && part !== undefined)
      .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part)))
      .join(' ');
    stderr.write(`rxnpm ${level} ${text}\n`);
  };
  const at = (level: LogLevel) => (prefix: string, message: string, ...args: unknown[]) => write(level, prefix, message, ...args);
  return {
    write,
    error: at('error'),
    warn: at('warn'),
    notice: at('notice'),
    http: at('http'),
    info: at('info'),
    verbose: at('verbose'),
    silly: at('silly'),
  };
}
