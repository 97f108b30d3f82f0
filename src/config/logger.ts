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

/** A logger with every method present: the ones the user's logger lacks do nothing. */
export type NormalizedLogger = Required<Logger>;

type LogMethod = NormalizedLogger[LogLevel];

const ignore = (): void => undefined;

export function normalizeLogger(log: Logger | undefined): NormalizedLogger {
  const methodFor = (level: LogLevel): LogMethod => {
    const method = log?.[level];
    return typeof method === 'function' ? method.bind(log) : ignore;
  };
  // Spelt out, so a level added to Logger does not compile until it is here too.
  return {
    error: methodFor('error'),
    warn: methodFor('warn'),
    notice: methodFor('notice'),
    http: methodFor('http'),
    info: methodFor('info'),
    verbose: methodFor('verbose'),
    silly: methodFor('silly'),
  };
}
