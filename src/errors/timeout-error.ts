import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * A request took too long (ETIMEDOUT). `bound` says which limit it hit:
 * `idle`, nothing arrived for `fetch-timeout` ms (no headers, or no body
 * chunk); `whole`, one attempt was still going after `timeout` ms in all
 * (10 × `fetch-timeout`), however steadily bytes trickled in.
 */
export class TimeoutError extends RegistryError {
  declare readonly code: 'ETIMEDOUT';
  readonly timeout: number;
  readonly bound: 'idle' | 'whole';

  constructor(timeout: number, details: RegistryErrorDetails, bound: 'idle' | 'whole' = 'idle') {
    const why = bound === 'idle' ? `timed out after ${timeout}ms` : `timed out: not complete after ${timeout}ms in all`;
    super('ETIMEDOUT', `${details.method} ${details.url} ${why}`, details);
    this.timeout = timeout;
    this.bound = bound;
  }
}
