import { isNamedErrorCode, type ErrorCode, type SystemErrorCode } from './error-code';
import { RegistryError, type RegistryErrorDetails } from './registry-error';

/** The system's code as it was given: one rxnpm names, or else a `SystemErrorCode`. */
function systemCode(code: string): ErrorCode {
  // The one place a code nobody listed becomes an ErrorCode: what the OS, TLS or undici said is kept as said.
  // A brand is made only by a cast: no check at run time can prove a string is one of codes nobody listed.
  return isNamedErrorCode(code) ? code : (code as SystemErrorCode);
}

/**
 * The connection failed before a complete response arrived. `code` keeps the
 * system's code (ECONNRESET, ECONNREFUSED, ENOTFOUND, EAI_AGAIN, a TLS code…).
 */
export class NetworkError extends RegistryError {
  constructor(code: string, reason: string, details: RegistryErrorDetails) {
    super(systemCode(code), `${details.method} ${details.url} failed: ${reason}`, details);
  }
}
