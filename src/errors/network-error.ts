import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * The connection failed before a complete response arrived. `code` keeps the
 * system's code (ECONNRESET, ECONNREFUSED, ENOTFOUND, EAI_AGAIN, a TLS code…).
 */
export class NetworkError extends RegistryError {
  constructor(code: string, reason: string, details: RegistryErrorDetails) {
    super(code, `${details.method} ${details.url} failed: ${reason}`, details);
  }
}
