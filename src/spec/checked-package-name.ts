import validate from 'validate-npm-package-name';
import { UsageError } from '../errors/usage-error';

const MAX_NAME_LENGTH = 214;

/**
 * Why a scope cannot be used, if it cannot. validate-npm-package-name checks
 * only that a scope is URL-safe, so `@..` and `@.` pass it; the registry
 * holds scopes to the rules of package names (no leading period or
 * underscore, URL-safe), and so does this.
 */
function scopeErrors(name: string): string[] {
  const slash = name.indexOf('/');
  if (!name.startsWith('@') || slash === -1) return [];
  const scope = name.slice(1, slash);
  return (validate(scope).errors ?? []).map((reason) => `scope ${reason.replace(/^name /, '')}`);
}

/**
 * `name`, if it can name a package; EUSAGE otherwise, so a name can never
 * address anything but a package. `forNew` applies the stricter rules for
 * names being published.
 *
 * @example checkedPackageName('@scope/pkg') === '@scope/pkg'
 */
export function checkedPackageName(name: unknown, { forNew = false } = {}): string {
  if (typeof name !== 'string') throw new UsageError(`a package name must be a string, got ${typeof name}`);
  const verdict = validate(name);
  const inScope = scopeErrors(name);
  const valid = inScope.length === 0 && (forNew ? verdict.validForNewPackages : verdict.validForOldPackages && name.length <= MAX_NAME_LENGTH);
  if (!valid) {
    const reasons = [...inScope, ...(verdict.errors ?? []), ...(forNew ? (verdict.warnings ?? []) : [])];
    if (name.length > MAX_NAME_LENGTH && !reasons.some((r) => r.includes('214'))) reasons.push(`name can no longer contain more than ${MAX_NAME_LENGTH} characters`);
    throw new UsageError(`invalid package name ${JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name)}: ${reasons.join('; ')}`);
  }
  return name;
}
