import { RegistryError } from './registry-error';

/** An operation was called with arguments it cannot use (EUSAGE); nothing was sent. */
export class UsageError extends RegistryError {
  declare readonly code: 'EUSAGE';

  constructor(message: string) {
    super('EUSAGE', message);
  }
}
