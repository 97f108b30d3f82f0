import { RegistryError, type RegistryErrorDetails } from './registry-error';

const SHOWN_CHARS = 200;

/** A response that should be JSON could not be parsed (EJSONPARSE). `body` holds the raw text. */
export class InvalidJsonError extends RegistryError {
  declare readonly code: 'EJSONPARSE';
  declare readonly body: string;

  constructor(raw: string, details: RegistryErrorDetails) {
    const shown = raw.length > SHOWN_CHARS ? `${raw.slice(0, SHOWN_CHARS)}…` : raw;
    super(
      'EJSONPARSE',
      `${details.method} ${details.url} answered ${details.statusCode} with a body that is not JSON: ${JSON.stringify(shown)}`,
      { ...details, body: raw },
    );
  }
}
