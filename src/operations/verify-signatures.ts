import { createPublicKey, verify } from 'node:crypto';
import ssri from 'ssri';
import { SignatureError } from '../errors/signature-error';
import { ownValue } from '../util/own-record';
import type { RegistryKey } from './keys';
import type { Manifest } from './packument';

/** One registry signature of a version (`dist.signatures[]`). */
export interface RegistrySignature {
  readonly keyid: string;
  /** Base64 of the DER-encoded ECDSA signature. */
  readonly sig: string;
}

/** pacote's stand-in for a version without a publish time: before any key the public registry has had expired. */
const MISSING_TIME_CUTOFF = '2015-01-01T00:00:00.000Z';
/** A version carries one signature per registry key in use; a long list is not a signature list. */
const MAX_SIGNATURES = 16;
const MAX_SIG_LENGTH = 1024;

/** What the registry signed: the version's integrity, from `dist.integrity`, else from its sha1 `shasum`. */
function integrityOf(m: Manifest): string | undefined {
  const { integrity, shasum } = m.dist ?? {};
  if (typeof integrity === 'string') return integrity;
  return typeof shasum === 'string' ? ssri.fromHex(shasum, 'sha1').toString() : undefined;
}

function signaturesOf(m: Manifest, pkgid: string): RegistrySignature[] {
  const listed = ownValue(m.dist, 'signatures');
  if (listed === undefined) return [];
  const refuse = () => new SignatureError('EINTEGRITYSIGNATURE', `${pkgid} has dist.signatures that are not a list of at most ${MAX_SIGNATURES} { keyid, sig }`, { pkgid: m.name });
  if (!Array.isArray(listed) || listed.length > MAX_SIGNATURES) throw refuse();
  return listed.map((entry: unknown) => {
    const keyid = ownValue(entry, 'keyid');
    const sig = ownValue(entry, 'sig');
    if (typeof keyid !== 'string' || typeof sig !== 'string' || keyid.length > 512 || sig.length > MAX_SIG_LENGTH) throw refuse();
    return { keyid, sig };
  });
}

/** Whether `sig` signs `message` with an ECDSA P-256 key given as base64 SPKI DER; a key that is not one verifies nothing. */
function verifies(key: RegistryKey, message: string, sig: string): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(key.key, 'base64'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return false;
    return verify('sha256', Buffer.from(message), { key: publicKey, dsaEncoding: 'der' }, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Checks a version's registry signatures, as pacote does with
 * `verifySignatures`: each signs `name@version:integrity` with the registry
 * key its `keyid` names, and that key had not expired when the version was
 * published (`publishedAt`, the packument's `time[version]`). Returns the
 * verified signatures: none when the registry has no keys and the version
 * none. Throws a `SignatureError` otherwise.
 *
 * @example
 * checkSignatures(manifest, packument.time[manifest.version], registryKeys);
 */
export function checkSignatures(m: Manifest, publishedAt: string | undefined, registryKeys: readonly RegistryKey[]): RegistrySignature[] {
  const pkgid = `${m.name}@${m.version}`;
  const signatures = signaturesOf(m, pkgid);
  if (signatures.length === 0) {
    if (registryKeys.length > 0) throw new SignatureError('EMISSINGSIGNATURE', `${pkgid} has no registry signature, but the registry provides signing keys`, { pkgid: m.name });
    return [];
  }
  const byId = new Map(registryKeys.map((key) => [key.keyid, key]));
  const message = `${pkgid}:${integrityOf(m)}`;
  const published = Date.parse(publishedAt ?? MISSING_TIME_CUTOFF);
  for (const { keyid, sig } of signatures) {
    const key = byId.get(keyid);
    if (!key) throw new SignatureError('EMISSINGSIGNATUREKEY', `${pkgid} has a registry signature with keyid: ${keyid} but no corresponding public key can be found`, { pkgid: m.name, keyid });
    // A publish time that does not parse is not before anything.
    if (key.expires !== null && !(published < Date.parse(key.expires))) {
      throw new SignatureError('EEXPIREDSIGNATUREKEY', `${pkgid} has a registry signature with keyid: ${keyid} but the corresponding public key has expired ${key.expires}`, { pkgid: m.name, keyid });
    }
    // pacote's words, which npm's `audit signatures --json` prints as the message.
    if (!verifies(key, message, sig)) throw new SignatureError('EINTEGRITYSIGNATURE', `${pkgid} has an invalid registry signature with keyid: ${keyid} and signature: ${sig}`, { pkgid: m.name, keyid, signature: sig });
  }
  return signatures;
}
