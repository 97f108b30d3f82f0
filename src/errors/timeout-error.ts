import { RegistryError, type RegistryErrorDetails } from './registry-error';

/** No response arrived within `fetch-timeout` milliseconds (ETIMEDOUT). */
export class TimeoutError extends RegistryError {
  readonly timeout: number;

  constructor(timeout: number, details: RegistryErrorDetails) {
    super('ETIMEDOUT', `${details.method} ${details.url} timed out after ${timeout}ms`, details);
    this.timeout = timeout;
  }
}
