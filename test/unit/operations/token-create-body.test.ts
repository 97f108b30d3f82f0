import { tokenCreateBody } from '../../../src/operations/tokens';

describe('tokenCreateBody', () => {
  it('is npm 11’s `token create` body: every option in npm’s order, under the registry’s names', () => {
    const body = tokenCreateBody({
      bypass2fa: true,
      cidr: ['10.0.0.0/8'],
      expires: 30,
      orgsPermission: 'read-only',
      packagesAndScopesPermission: 'read-write',
      orgs: ['acme'],
      scopes: ['@acme'],
      packagesAll: true,
      packages: ['a', '@acme/b'],
      description: 'for CI',
      password: 'pw',
      name: 'ci',
    });
    expect(JSON.stringify(body)).toBe(
      '{"name":"ci","password":"pw","description":"for CI","packages":["a","@acme/b"],"packages_all":true,"scopes":["@acme"],"orgs":["acme"],' +
        '"packages_and_scopes_permission":"read-write","orgs_permission":"read-only","expires":30,"cidr_whitelist":["10.0.0.0/8"],"bypass_2fa":true}',
    );
  });

  it('sends only what was given, with `name: null` as npm sends it when no name is set', () => {
    expect(JSON.stringify(tokenCreateBody({ name: null, password: 'pw', packages: [], scopes: [], orgs: [], packagesAll: false, bypass2fa: false, expires: 0 }))).toBe('{"name":null,"password":"pw"}');
  });

  it('is npm-profile’s classic body when given a password, readonly and ranges (empty ones too)', () => {
    expect(JSON.stringify(tokenCreateBody({ password: 'pw', readonly: false, cidr: [] }))).toBe('{"password":"pw","readonly":false,"cidr_whitelist":[]}');
  });
});
