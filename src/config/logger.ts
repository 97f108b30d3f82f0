/** An npmlog-style logger; every method is optional. */
export interface Logger {
  error?(prefix: string, message: string, ...args: unknown[]): void;
  warn?(prefix: string, message: string, ...args: unknown[]): void;
  notice?(prefix: string, message: string, ...args: unknown[]): void;
  http?(prefix: string, message: string, ...args: unknown[]): void;
  info?(prefix: string, message: string, ...args: unknown[]): void;
  verbose?(prefix: string, message: string, ...args: unknown[]): void;
  silly?(prefix: string, message: string, ...args: unknown[]): void;
}

export type LogLevel = keyof Logger;

export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'notice', 'http', 'info', 'verbose', 'silly'];

/** A logger with every method present: the ones the user's logger lacks do nothing. */
export type NormalizedLogger = Required<Logger>;

const ignore = (): void => undefined;

export function normalizeLogger(log: Logger | undefined): NormalizedLogger {
  const out = {} as Record<LogLevel, (prefix: string, message: string, ...args: unknown[]) => void>;
  for (const level of LOG_LEVELS) {
    const method = log?.[level];
    out[level] = typeof method === 'function' ? method.bind(log) : ignore;
  }
  return out;
}
