import { RegistryError } from './registry-error';

/** A configuration value is missing or invalid. `key` names it as npm spells it. */
export class ConfigError extends RegistryError {
  declare readonly code: 'ECONFIG';
  readonly key: string;

  constructor(key: string, message: string) {
    super('ECONFIG', `Invalid configuration "${key}": ${message}`);
    this.key = key;
  }
}
