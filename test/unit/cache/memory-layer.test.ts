import type { CachedDocument } from '../../../src/cache/cache-entry';
import { MemoryLayer } from '../../../src/cache/memory-layer';

/** A document whose kept copy costs `cost` bytes of heap. */
const doc = (key: string, cost: number, pkgid?: string): CachedDocument => ({
  key,
  size: cost,
  cost,
  raw: 'x'.repeat(cost),
  data: {},
  meta: { url: `http://127.0.0.1:4873/${key}`, variant: 'full', statusCode: 200, headers: {}, storedAt: 0, pkgid },
});

const kept = (memory: MemoryLayer, keys: readonly string[]) => keys.filter((key) => memory.get(key) !== undefined);

describe('MemoryLayer', () => {
  it('keeps documents up to its budget in heap bytes, dropping the least recently used', () => {
    const memory = new MemoryLayer(100);
    memory.set(doc('a', 40));
    memory.set(doc('b', 40));
    expect(memory.get('a')?.key).toBe('a'); // a is now the most recently used
    memory.set(doc('c', 40));
    expect(kept(memory, ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });

  it('counts what a copy costs, not the size of its body', () => {
    const memory = new MemoryLayer(100);
    memory.set({ ...doc('a', 60), size: 10 });
    memory.set({ ...doc('b', 60), size: 10 });
    expect(kept(memory, ['a', 'b'])).toEqual(['b']);
  });

  it('never holds more than its budget, and refuses a document larger than all of it', () => {
    const memory = new MemoryLayer(100);
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    for (const key of keys) memory.set(doc(key, 30));
    expect(kept(memory, keys)).toEqual(['k47', 'k48', 'k49']);
    memory.set(doc('huge', 101));
    expect(memory.get('huge')).toBeUndefined();
  });

  it('counts bodies waiting to be written against its budget: documents make room for them until they are written', () => {
    const memory = new MemoryLayer(100);
    memory.set(doc('a', 40));
    memory.set(doc('b', 40));
    expect(memory.hold(30)).toBe(true);
    expect(kept(memory, ['a', 'b'])).toEqual(['b']);
    memory.set(doc('c', 40));
    expect(kept(memory, ['b', 'c'])).toEqual(['c']);
    memory.release(30);
    memory.set(doc('d', 40));
    expect(kept(memory, ['c', 'd'])).toEqual(['c', 'd']);
  });

  it('answers whether a body waiting to be written fits beside the others waiting', () => {
    const memory = new MemoryLayer(100);
    expect(memory.hold(60)).toBe(true);
    expect(memory.hold(40)).toBe(true);
    expect(memory.hold(1)).toBe(false);
    memory.release(1);
    memory.release(40);
    expect(memory.hold(40)).toBe(true);
  });

  it('drops every document of a package at once', () => {
    const memory = new MemoryLayer(1000);
    memory.set(doc('rxjs-full', 10, 'rxjs'));
    memory.set(doc('rxjs-latest', 10, 'rxjs'));
    memory.set(doc('other', 10, 'other'));
    memory.deletePackage('rxjs');
    expect(kept(memory, ['rxjs-full', 'rxjs-latest', 'other'])).toEqual(['other']);
  });

  it('holds nothing with a budget of 0, and no body fits in it', () => {
    const memory = new MemoryLayer(0);
    memory.set(doc('a', 1));
    expect(memory.get('a')).toBeUndefined();
    expect(memory.hold(1)).toBe(false);
  });
});
