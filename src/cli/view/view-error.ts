import { RegistryError } from '../../index';

/**
 * What `view` throws when npm's `view` would fail: no version of the package
 * matches the wanted version, range or tag (npm's `E404` "No match found for
 * version …"), the package was unpublished (`E404` "Unpublished on …"), or a
 * field uses the empty-bracket syntax (`EINVALIDSYNTAX`).
 *
 * @example
 * try { formatView(packument, '9', [], options) } catch (err) {
 *   if (err instanceof ViewError && err.code === 'E404') console.error(`${err.pkgid}: ${err.message}`);
 * }
 */
export class ViewError extends RegistryError {
  declare readonly code: 'E404' | 'EINVALIDSYNTAX';

  constructor(code: 'E404' | 'EINVALIDSYNTAX', message: string, details: { pkgid?: string; statusCode?: number } = {}) {
    super(code, message, details);
  }
}
