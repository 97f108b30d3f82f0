import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * A JSON document nested deeper than rxnpm walks (ETOODEEP): more than
 * `limit` levels of objects and arrays. No registry document comes near it;
 * one that does is refused rather than allowed to overflow the call stack.
 */
export class TooDeepError extends RegistryError {
  declare readonly code: 'ETOODEEP';
  readonly limit: number;

  constructor(limit: number, what: string, details: RegistryErrorDetails = {}) {
    super('ETOODEEP', `${what} is nested more than ${limit} levels deep`, details);
    this.limit = limit;
  }
}
