import ssri from 'ssri';
import { IntegrityError } from '../errors/integrity-error';
import type { Manifest } from './packument';

/** The algorithms a tarball may be checked with, strongest first: npm's. sha1 only where nothing stronger is given. */
const ACCEPTED_ALGORITHMS = ['sha512', 'sha384', 'sha256', 'sha1'] as const;

const SHA1_HEX = /^[0-9a-f]{40}$/i;

/**
 * What a tarball must hash to: the strongest accepted algorithm among
 * `dist.integrity`'s hashes, or the sha1 `dist.shasum` of older packages. A
 * manifest that offers nothing accepted (`md5-…`, garbage) is EINTEGRITY, so a
 * registry cannot weaken the check by choosing the algorithm.
 *
 * @example expectedIntegrity({ name: 'x', version: '1.0.0', dist: { integrity: 'sha512-… sha1-…' } }).pickAlgorithm() === 'sha512'
 */
export function expectedIntegrity(m: Manifest): ssri.Integrity {
  const { integrity, shasum } = m.dist ?? {};
  const given = typeof integrity === 'string' ? ssri.parse(integrity) : null;
  const hashes = given ? Object.values(given).flat() : [];
  if (typeof shasum === 'string' && SHA1_HEX.test(shasum)) hashes.push(...Object.values(ssri.fromHex(shasum, 'sha1')).flat());
  for (const algorithm of ACCEPTED_ALGORITHMS) {
    const strongest = hashes.filter((hash) => hash.algorithm === algorithm);
    if (strongest.length) return ssri.parse(strongest.map(String).join(' '));
  }
  const offered = [typeof integrity === 'string' ? `dist.integrity ${JSON.stringify(integrity.slice(0, 100))}` : '', typeof shasum === 'string' ? `dist.shasum ${JSON.stringify(shasum.slice(0, 100))}` : '']
    .filter(Boolean)
    .join(' and ');
  throw new IntegrityError(`${m.name}@${m.version} has no hash to check its tarball against with ${ACCEPTED_ALGORITHMS.join(', ')}${offered ? ` (it offers ${offered})` : ''}`, { pkgid: m.name });
}
