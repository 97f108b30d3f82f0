import type { CachedDocument } from '../../../src/cache/cache-entry';
import { MemoryLayer } from '../../../src/cache/memory-layer';

const doc = (key: string, size: number, pkgid?: string): CachedDocument => ({
  key,
  size,
  raw: 'x'.repeat(size),
  data: {},
  meta: { url: `http://127.0.0.1:4873/${key}`, variant: 'full', statusCode: 200, headers: {}, storedAt: 0, pkgid },
});

describe('MemoryLayer', () => {
  it('keeps documents up to its byte budget, dropping the least recently used', () => {
    const memory = new MemoryLayer(100);
    memory.set(doc('a', 40));
    memory.set(doc('b', 40));
    expect(memory.get('a')?.key).toBe('a'); // a is now the most recently used
    memory.set(doc('c', 40));
    expect(memory.get('b')).toBeUndefined();
    expect(memory.get('a')?.key).toBe('a');
    expect(memory.get('c')?.key).toBe('c');
    expect(memory.bytes).toBe(80);
  });

  it('never holds more than its budget, and refuses a document larger than all of it', () => {
    const memory = new MemoryLayer(100);
    for (let i = 0; i < 50; i += 1) memory.set(doc(`k${i}`, 30));
    expect(memory.bytes).toBeLessThanOrEqual(100);
    memory.set(doc('huge', 101));
    expect(memory.get('huge')).toBeUndefined();
  });

  it('counts bodies waiting to be written against its budget: documents make room for them until they are written', () => {
    const memory = new MemoryLayer(100);
    memory.set(doc('a', 40));
    memory.set(doc('b', 40));
    memory.hold(30);
    expect(memory.get('a')).toBeUndefined();
    expect(memory.get('b')?.key).toBe('b');
    expect(memory.bytes).toBe(70);
    memory.set(doc('c', 40));
    expect(memory.get('b')).toBeUndefined();
    memory.release(30);
    memory.set(doc('d', 40));
    expect(memory.get('c')?.key).toBe('c');
    expect(memory.bytes).toBe(80);
  });

  it('drops every document of a package at once', () => {
    const memory = new MemoryLayer(1000);
    memory.set(doc('rxjs-full', 10, 'rxjs'));
    memory.set(doc('rxjs-latest', 10, 'rxjs'));
    memory.set(doc('other', 10, 'other'));
    memory.deletePackage('rxjs');
    expect(memory.get('rxjs-full')).toBeUndefined();
    expect(memory.get('rxjs-latest')).toBeUndefined();
    expect(memory.get('other')?.key).toBe('other');
  });

  it('holds nothing with a budget of 0', () => {
    const memory = new MemoryLayer(0);
    memory.set(doc('a', 1));
    expect(memory.get('a')).toBeUndefined();
    expect(memory.bytes).toBe(0);
  });
});
