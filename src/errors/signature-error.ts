import { RegistryError, type RegistryErrorDetails } from './registry-error';

/** Why a version's registry signature does not vouch for it, as pacote and `npm audit signatures` name it. */
export type SignatureErrorCode = 'EINTEGRITYSIGNATURE' | 'EMISSINGSIGNATURE' | 'EMISSINGSIGNATUREKEY' | 'EEXPIREDSIGNATUREKEY';

/**
 * A version's `dist.signatures` do not prove that the registry published its
 * integrity: a signature that does not verify (EINTEGRITYSIGNATURE), none
 * where the registry has keys (EMISSINGSIGNATURE), one by a key the registry
 * does not list (EMISSINGSIGNATUREKEY), or by a key that had expired when the
 * version was published (EEXPIREDSIGNATUREKEY).
 */
export class SignatureError extends RegistryError {
  declare readonly code: SignatureErrorCode;
  /** The key the failing signature names, when there was one. */
  readonly keyid?: string;
  /** For EINTEGRITYSIGNATURE: the base64 signature that did not verify (npm's `--json` lists it). */
  readonly signature?: string;

  constructor(code: SignatureErrorCode, message: string, details: RegistryErrorDetails & { keyid?: string; signature?: string } = {}) {
    super(code, message, details);
    this.keyid = details.keyid;
    this.signature = details.signature;
  }
}
