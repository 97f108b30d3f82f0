import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * Why no version was picked: ETARGET, none matches the version, range or tag
 * asked for; ENOVERSIONS, the package has none at all; E403, the ones that
 * match are restricted by the registry's policy (npm-pick-manifest's codes).
 */
export type NoMatchingVersionCode = 'ETARGET' | 'ENOVERSIONS' | 'E403';

const PICKER_CODES: readonly NoMatchingVersionCode[] = ['ETARGET', 'ENOVERSIONS', 'E403'];

/** The code of a version picker's failure: its own when it is one of these, else ETARGET. */
export function noMatchingVersionCode(pickerError: unknown): NoMatchingVersionCode {
  const code = typeof pickerError === 'object' && pickerError !== null && 'code' in pickerError ? pickerError.code : undefined;
  return PICKER_CODES.find((known) => known === code) ?? 'ETARGET';
}

/**
 * No version of the package can be used for what was asked (see
 * {@link NoMatchingVersionCode}): `manifest('rxjs@^99')`, a `tag` or
 * `deprecate` of a version the package does not have.
 *
 * @example
 * client.manifest('rxjs@^99').subscribe({ error: (err) => err instanceof NoMatchingVersionError && console.error(err.message) });
 */
export class NoMatchingVersionError extends RegistryError {
  declare readonly code: NoMatchingVersionCode;

  constructor(message: string, details: RegistryErrorDetails = {}, code: NoMatchingVersionCode = 'ETARGET') {
    super(code, message, details);
  }
}
