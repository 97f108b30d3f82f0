import { createHash, randomBytes } from 'node:crypto';

/** The body of `PUT /-/user/org.couchdb.user:NAME` that creates a user. */
export function newUser(name: string, password: string) {
  return {
    _id: `org.couchdb.user:${name}`,
    name,
    password,
    email: `${name}@example.test`,
    type: 'user',
    roles: [],
    date: new Date().toISOString(),
  };
}

/**
 * What `npm publish` sends for one version: the version with its tarball
 * attached. A registry merges it into the packument, so publishing a second
 * version sends only that one.
 */
export function publishBody(name: string, version: string, registryUrl: string, { tag = 'latest', readme = `# ${name}\n` } = {}) {
  const tarball = randomBytes(64);
  const file = `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
  return {
    _id: name,
    name,
    readme,
    'dist-tags': { [tag]: version },
    versions: {
      [version]: {
        _id: `${name}@${version}`,
        name,
        version,
        readme,
        dist: {
          shasum: createHash('sha1').update(tarball).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
          tarball: `${registryUrl}${name}/-/${file}`,
        },
      },
    },
    _attachments: {
      [file]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length },
    },
  };
}

/** A package's registry path: `/name`, `/@scope%2fname`. */
export function pathOf(name: string): string {
  return `/${name.replace('/', '%2f')}`;
}
