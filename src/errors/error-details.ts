import { redactUrl } from '../auth/redact';
import type { RegistryRequest } from '../request/registry-request';
import type { RegistryErrorDetails } from './registry-error';

/** The printable facts of a request, for an error about it. */
export function errorDetails(req: RegistryRequest, extra: RegistryErrorDetails = {}): RegistryErrorDetails {
  return { method: req.method, url: redactUrl(req.url), pkgid: req.pkgid, ...extra };
}
