import { RegistryError } from './registry-error';

/** An operation was called with arguments it cannot use (EUSAGE); nothing was sent. */
export class UsageError extends RegistryError {
  constructor(message: string) {
    super('EUSAGE', message);
  }
}
