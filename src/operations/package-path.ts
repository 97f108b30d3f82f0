import validate from 'validate-npm-package-name';
import { UsageError } from '../errors/usage-error';

const MAX_NAME_LENGTH = 214;

/**
 * The registry path of a package (`/name`, `/@scope%2fname`) after checking
 * the name, so a name can never address anything but a package. `forNew`
 * applies the stricter rules for names being published.
 */
export function packagePath(name: unknown, { forNew = false } = {}): string {
  if (typeof name !== 'string') throw new UsageError(`a package name must be a string, got ${typeof name}`);
  const verdict = validate(name);
  const valid = forNew ? verdict.validForNewPackages : verdict.validForOldPackages && name.length <= MAX_NAME_LENGTH;
  if (!valid) {
    const reasons = [...(verdict.errors ?? []), ...(forNew ? (verdict.warnings ?? []) : [])];
    if (name.length > MAX_NAME_LENGTH && !reasons.some((r) => r.includes('214'))) reasons.push(`name can no longer contain more than ${MAX_NAME_LENGTH} characters`);
    throw new UsageError(`invalid package name ${JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name)}: ${reasons.join('; ')}`);
  }
  // The registry's escaping of a scoped name (npm-package-arg's escapedName): only the scope's slash.
  return `/${name.replace('/', '%2f')}`;
}
