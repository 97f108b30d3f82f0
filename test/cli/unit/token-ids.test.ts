import { withTokenIds } from '../../../src/cli/commands/token';
import { profileLines } from '../../../src/cli/commands/profile';

const token = (key: string) => ({ key, token: key.slice(0, 6) });

describe('withTokenIds', () => {
  it('gives each token the shortest start of its key, six characters at least, that no other key shares', () => {
    const ids = withTokenIds([token('aaaaaa1xxxxxxxx'), token('aaaaaa2xxxxxxxx'), token('bbbbbbbbbbbbbbb')]).map((t) => t.id);
    expect(ids).toEqual(['aaaaaa1', 'aaaaaa2', 'bbbbbb']);
  });

  it('falls back to the whole key when another key starts with it', () => {
    expect(withTokenIds([token('abcdefgh'), token('abcdefghij')]).map((t) => t.id)).toEqual(['abcdefgh', 'abcdefghi']);
  });
});

describe('profileLines', () => {
  it('puts the known keys first, marks the e-mail and shows two-factor auth by its mode unless pending', () => {
    const lines = profileLines({ name: 'ada', email: 'a@example.org', email_verified: false, tfa: { mode: 'auth-only', pending: true }, github: 'ada' });
    expect(Object.keys(lines).slice(0, 3)).toEqual(['name', 'email', 'two-factor auth']);
    expect(lines).toMatchObject({ email: 'a@example.org(unverified)', 'two-factor auth': 'disabled', github: 'ada', fullname: '' });
    expect(profileLines({ name: 'ada', tfa: { mode: 'auth-and-writes' } })['two-factor auth']).toBe('auth-and-writes');
  });
});
