import { checkSignatures, SignatureError, type Manifest } from 'rxnpm';
import { signatureOf, signingKey } from '../../support/trust-registry';

const key = signingKey('SHA256:k', '2024-01-01T00:00:00.000Z');
const integrity = 'sha512-deadbeef';
const signed = (signatures: unknown): Manifest => ({ name: 'pkg', version: '1.0.0', dist: { integrity, signatures } });

describe('checkSignatures', () => {
  it('returns the signatures that verify over name@version:integrity', () => {
    const sig = signatureOf(key, 'pkg', '1.0.0', integrity);
    expect(checkSignatures(signed([sig]), '2023-06-01T00:00:00.000Z', [key.listed])).toEqual([sig]);
  });

  it('holds the key expiry against the publish time, and a version without one against 2015 as pacote does', () => {
    const m = signed([signatureOf(key, 'pkg', '1.0.0', integrity)]);
    expect(() => checkSignatures(m, '2024-01-01T00:00:00.000Z', [key.listed])).toThrow(expect.objectContaining({ code: 'EEXPIREDSIGNATUREKEY' }));
    expect(() => checkSignatures(m, 'not a date', [key.listed])).toThrow(expect.objectContaining({ code: 'EEXPIREDSIGNATUREKEY' }));
    expect(checkSignatures(m, undefined, [key.listed])).toHaveLength(1);
  });

  it('signs the sha1 shasum as an ssri integrity when there is no dist.integrity', () => {
    const shasum = 'aabbccddeeff00112233445566778899aabbccdd';
    const sig = signatureOf(key, 'pkg', '1.0.0', `sha1-${Buffer.from(shasum, 'hex').toString('base64')}`);
    expect(checkSignatures({ name: 'pkg', version: '1.0.0', dist: { shasum, signatures: [sig] } }, undefined, [key.listed])).toEqual([sig]);
  });

  it('refuses a key that is not an ECDSA P-256 key, whatever it signs', () => {
    const notEc = { ...key.listed, key: Buffer.from('not a key').toString('base64') };
    const error = (() => {
      try {
        checkSignatures(signed([signatureOf(key, 'pkg', '1.0.0', integrity)]), undefined, [notEc]);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SignatureError);
    expect(error).toMatchObject({ code: 'EINTEGRITYSIGNATURE', pkgid: 'pkg', keyid: 'SHA256:k' });
  });

  it('no signatures pass only where the registry has no keys', () => {
    expect(checkSignatures(signed(undefined), undefined, [])).toEqual([]);
    expect(() => checkSignatures(signed(undefined), undefined, [key.listed])).toThrow(expect.objectContaining({ code: 'EMISSINGSIGNATURE' }));
  });
});
