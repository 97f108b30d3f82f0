import { checkedPackageName } from './checked-package-name';

/**
 * The registry path of a package (`/name`, `/@scope%2fname`) after checking
 * the name (see `checkedPackageName`), so a name can never address anything
 * but a package.
 */
export function packagePath(name: unknown, options: { forNew?: boolean } = {}): string {
  // The registry's escaping of a scoped name (npm-package-arg's escapedName): only the scope's slash.
  return `/${checkedPackageName(name, options).replace('/', '%2f')}`;
}
