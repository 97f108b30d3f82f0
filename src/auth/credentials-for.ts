import type { AuthSettings, Credentials } from './credentials';
import { nerfDart, nerfDartAncestors } from './nerf-dart';

/**
 * The credentials a request to `url` carries, or `undefined`. Pure: the same
 * URL and settings always give the same answer.
 *
 * 1. The longest per-registry key (`//host/path/`) that encloses the URL.
 *    Scoped credentials go on reads and writes alike: they were set for that host.
 * 2. Else the default credentials, only when the URL is on the default
 *    registry's host, and on reads only with `always-auth`.
 */
export function credentialsFor(url: string, isWrite: boolean, settings: AuthSettings): Credentials | undefined {
  for (const key of nerfDartAncestors(nerfDart(url))) {
    const scoped = settings.scoped.get(key);
    if (scoped) return scoped;
  }
  if (!settings.defaultCredentials) return undefined;
  if (new URL(url).host !== new URL(settings.registry).host) return undefined;
  return isWrite || settings.alwaysAuth ? settings.defaultCredentials : undefined;
}
