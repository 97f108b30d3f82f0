import type { Observable } from 'rxjs';
import type { RegistryClient } from '../../src/client';

export type NameTakingOperation = (client: RegistryClient, name: string) => Observable<unknown>;

/** Every operation of the client that takes a package name, and how it is called with one. */
export const NAME_TAKING_OPERATIONS: ReadonlyArray<[label: string, operation: NameTakingOperation]> = [
  ['publish', (c, name) => c.publish({ name, version: '1.0.0' }, Buffer.from('tarball'))],
  ['star', (c, name) => c.star(name, true)],
  ['tag', (c, name) => c.tag(name, '1.0.0', 'next')],
  ['unpublish (a version)', (c, name) => c.unpublish(name, '1.0.0')],
  ['unpublish (all)', (c, name) => c.unpublish(name)],
  ['watch', (c, name) => c.watch(name, { interval: 10 })],
  ['distTags.fetch', (c, name) => c.distTags.fetch(name)],
  ['distTags.add', (c, name) => c.distTags.add(name, '1.0.0', 'next')],
  ['distTags.rm', (c, name) => c.distTags.rm(name, 'next')],
  ['distTags.set', (c, name) => c.distTags.set(name, { latest: '1.0.0' })],
  ['deprecate', (c, name) => c.deprecate(name, '*', 'gone')],
  ['owner.ls', (c, name) => c.owner.ls(name)],
  ['owner.add', (c, name) => c.owner.add(name, 'ada')],
  ['owner.rm', (c, name) => c.owner.rm(name, 'ada')],
  ['access.public', (c, name) => c.access.public(name)],
  ['manifest', (c, name) => c.manifest(`${name}@1.0.0`)],
  ['manifest (no range)', (c, name) => c.manifest(name)],
  ['tarball', (c, name) => c.tarball(`${name}@1.0.0`)],
  ['manifest (verifySignatures)', (c, name) => c.manifest(`${name}@1.0.0`, { verifySignatures: true })],
  ['auditSignatures', (c, name) => c.auditSignatures([`${name}@1.0.0`])],
  ['advisories', (c, name) => c.advisories({ [name]: ['1.0.0'] })],
  ['access.set', (c, name) => c.access.set(name, 'public')],
  ['access.get', (c, name) => c.access.get(name)],
  ['access.listCollaborators', (c, name) => c.access.listCollaborators(name)],
  ['access.mfa', (c, name) => c.access.mfa(name, 'publish')],
  ['access.grant', (c, name) => c.access.grant('read-only', 'acme:devs', name)],
  ['access.revoke', (c, name) => c.access.revoke('acme:devs', name)],
];
