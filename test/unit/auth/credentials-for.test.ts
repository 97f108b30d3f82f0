import { credentialsFor } from '../../../src/auth/credentials-for';
import type { AuthSettings, Credentials } from '../../../src/auth/credentials';

const bearer = (token: string): Credentials => ({ type: 'bearer', token });
const DEFAULT: Credentials = { type: 'basic', auth: Buffer.from('ada:default-pw').toString('base64') };

const settings: AuthSettings = {
  registry: 'http://127.0.0.1:4873/npm/',
  alwaysAuth: false,
  defaultCredentials: DEFAULT,
  scoped: new Map([
    ['//127.0.0.1:4874/', bearer('host-token')],
    ['//127.0.0.1:4874/private/', bearer('private-token')],
    ['//127.0.0.1:4874/private/team/', bearer('team-token')],
  ]),
};

const READ = false;
const WRITE = true;

describe('credentialsFor', () => {
  describe('per-registry credentials', () => {
    it.each([
      ['http://127.0.0.1:4874/private/team/pkg', 'team-token'],
      ['http://127.0.0.1:4874/private/team/', 'team-token'],
      ['http://127.0.0.1:4874/private/pkg', 'private-token'],
      ['http://127.0.0.1:4874/private/', 'private-token'],
      ['http://127.0.0.1:4874/public/pkg', 'host-token'],
      ['http://127.0.0.1:4874/pkg', 'host-token'],
      ['http://127.0.0.1:4874/', 'host-token'],
    ])('%s gets the longest enclosing key’s credentials: %s', (url, token) => {
      expect(credentialsFor(url, WRITE, settings)).toEqual(bearer(token));
    });

    it('matches whole path segments, not string prefixes', () => {
      expect(credentialsFor('http://127.0.0.1:4874/privateer/pkg', WRITE, settings)).toEqual(bearer('host-token'));
      expect(credentialsFor('http://127.0.0.1:4874/private/teamwork/pkg', WRITE, settings)).toEqual(bearer('private-token'));
    });

    it('ignores the query and the fragment', () => {
      expect(credentialsFor('http://127.0.0.1:4874/private/pkg?write=true#x', WRITE, settings)).toEqual(bearer('private-token'));
    });

    it('goes with both http and https to the same host', () => {
      expect(credentialsFor('https://127.0.0.1:4874/private/pkg', WRITE, settings)).toEqual(bearer('private-token'));
    });

    it('goes on reads as well as writes, without always-auth', () => {
      expect(credentialsFor('http://127.0.0.1:4874/private/pkg', READ, settings)).toEqual(bearer('private-token'));
      expect(credentialsFor('http://127.0.0.1:4874/private/pkg', WRITE, settings)).toEqual(bearer('private-token'));
    });

    it('never goes to another port of the same host', () => {
      expect(credentialsFor('http://127.0.0.1:4875/private/pkg', WRITE, settings)).toBeUndefined();
      expect(credentialsFor('http://127.0.0.1/private/pkg', WRITE, settings)).toBeUndefined();
    });

    it('never goes to another host', () => {
      expect(credentialsFor('http://127.0.0.2:4874/private/pkg', WRITE, settings)).toBeUndefined();
      expect(credentialsFor('http://localhost:4874/private/pkg', WRITE, settings)).toBeUndefined();
    });

    it('win over the default credentials on the default registry’s host', () => {
      const own: AuthSettings = { ...settings, scoped: new Map([['//127.0.0.1:4873/', bearer('registry-token')]]) };
      expect(credentialsFor('http://127.0.0.1:4873/npm/pkg', WRITE, own)).toEqual(bearer('registry-token'));
      expect(credentialsFor('http://127.0.0.1:4873/npm/pkg', READ, own)).toEqual(bearer('registry-token'));
    });
  });

  describe('the default credentials', () => {
    it('go on writes to the default registry’s host', () => {
      expect(credentialsFor('http://127.0.0.1:4873/npm/pkg', WRITE, settings)).toBe(DEFAULT);
      expect(credentialsFor('http://127.0.0.1:4873/-/user/org.couchdb.user:ada', WRITE, settings)).toBe(DEFAULT);
    });

    it('do not go on reads without always-auth', () => {
      expect(credentialsFor('http://127.0.0.1:4873/npm/pkg', READ, settings)).toBeUndefined();
    });

    it('go on reads with always-auth', () => {
      expect(credentialsFor('http://127.0.0.1:4873/npm/pkg', READ, { ...settings, alwaysAuth: true })).toBe(DEFAULT);
    });

    it('never go to another host or port, even on writes with always-auth', () => {
      const always = { ...settings, alwaysAuth: true };
      expect(credentialsFor('http://127.0.0.2:4873/npm/pkg', WRITE, always)).toBeUndefined();
      expect(credentialsFor('http://127.0.0.1:4999/npm/pkg', WRITE, always)).toBeUndefined();
      expect(credentialsFor('http://localhost:4873/npm/pkg', WRITE, always)).toBeUndefined();
    });
  });

  it('gives nothing when no credentials are configured', () => {
    const none: AuthSettings = { registry: 'http://127.0.0.1:4873/', alwaysAuth: true, scoped: new Map() };
    expect(credentialsFor('http://127.0.0.1:4873/pkg', WRITE, none)).toBeUndefined();
  });

  it('depends only on its arguments and changes none of them', () => {
    const before = JSON.stringify({ ...settings, scoped: [...settings.scoped] });
    const first = credentialsFor('http://127.0.0.1:4874/private/pkg', READ, settings);
    credentialsFor('http://127.0.0.1:4873/npm/pkg', WRITE, settings);
    expect(credentialsFor('http://127.0.0.1:4874/private/pkg', READ, settings)).toEqual(first);
    expect(JSON.stringify({ ...settings, scoped: [...settings.scoped] })).toBe(before);
  });
});
