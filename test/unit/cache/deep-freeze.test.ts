import { deepFreeze } from '../../../src/cache/deep-freeze';

describe('deepFreeze', () => {
  it('freezes nested objects and arrays so no subscriber can change a shared document', () => {
    const doc = deepFreeze({ name: 'rxjs', versions: { '7.8.2': { dependencies: { tslib: '^2.1.0' } } }, maintainers: [{ name: 'ben' }] });
    expect(Object.isFrozen(doc)).toBe(true);
    expect(Object.isFrozen(doc.versions['7.8.2'].dependencies)).toBe(true);
    expect(Object.isFrozen(doc.maintainers)).toBe(true);
    expect(Object.isFrozen(doc.maintainers[0])).toBe(true);
    expect(() => {
      (doc.versions['7.8.2'].dependencies as Record<string, string>).tslib = 'evil';
    }).toThrow(TypeError);
  });

  it('returns primitives and null as they are', () => {
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze('text')).toBe('text');
    expect(deepFreeze(3)).toBe(3);
  });
});
