import { RegistryError, type RegistryErrorDetails } from './registry-error';

/** A response body larger than `max-response-size` was refused before it could fill memory (ETOOLARGE). */
export class ResponseTooLargeError extends RegistryError {
  declare readonly code: 'ETOOLARGE';
  readonly limit: number;

  constructor(limit: number, details: RegistryErrorDetails) {
    super('ETOOLARGE', `${details.method} ${details.url}: the response is larger than max-response-size (${limit} bytes)`, details);
    this.limit = limit;
  }
}
