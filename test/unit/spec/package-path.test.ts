import { UsageError } from '../../../src/errors/usage-error';
import { packagePath } from '../../../src/spec/package-path';

describe('packagePath', () => {
  it('gives the registry path of plain and scoped names', () => {
    expect(packagePath('rxjs')).toBe('/rxjs');
    expect(packagePath('@scope/name')).toBe('/@scope%2fname');
  });

  it('accepts old names with capitals for reads, but not for new packages', () => {
    expect(packagePath('JSONStream')).toBe('/JSONStream');
    expect(() => packagePath('JSONStream', { forNew: true })).toThrow(/capital letters/);
  });

  it.each([
    ['../x'],
    ['%2e%2e'],
    ['a/../../b'],
    ['x'.repeat(215)],
    [' spaced'],
    ['@../x'],
    ['@./x'],
    ['@_private/x'],
    ['name?query'],
    [''],
  ])('refuses %j before anything is sent', (name) => {
    expect(() => packagePath(name)).toThrow(UsageError);
  });

  it('refuses what is not a string', () => {
    expect(() => packagePath(42)).toThrow(/must be a string/);
  });
});
