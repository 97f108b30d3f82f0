import { freezeAndMeasure } from '../../../src/cache/freeze-and-measure';
import { bigPackument } from '../../support/big-packument';
import { settledHeap } from '../../support/settled-heap';

describe('freezeAndMeasure', () => {
  it('freezes every object and array of a document', () => {
    const doc = JSON.parse('{"a":{"b":[{"c":1}]},"d":[[2]]}');
    freezeAndMeasure(doc);
    expect([doc, doc.a, doc.a.b, doc.a.b[0], doc.d, doc.d[0]].every((part) => Object.isFrozen(part))).toBe(true);
  });

  it('counts strings by their length, and long ones beyond Latin-1 twice', () => {
    const ascii = freezeAndMeasure({ readme: 'a'.repeat(10_000) });
    const wide = freezeAndMeasure({ readme: '€'.repeat(10_000) });
    expect(ascii).toBeGreaterThanOrEqual(10_000);
    expect(wide - ascii).toBeGreaterThanOrEqual(10_000);
  });

  it('counts numbers that need a heap object of their own, not small integers', () => {
    const integers = freezeAndMeasure(Array.from({ length: 100 }, (_, i) => i));
    const fractions = freezeAndMeasure(Array.from({ length: 100 }, (_, i) => i + 0.5));
    expect(fractions - integers).toBe(1600);
  });

  it('is not below what V8 really holds for a parsed packument', async () => {
    const texts = Array.from({ length: 8 }, (_, i) => bigPackument(i, 256 * 1024));
    // What letting go of the parsed documents gives back, the texts staying; the median of three readings, so a
    // collection that runs late in one of them moves that one only.
    const readings: Array<{ held: number; estimate: number }> = [];
    for (let round = 0; round < 3; round++) {
      let docs: unknown[] = texts.map((text) => JSON.parse(text));
      const estimate = docs.reduce<number>((sum, doc) => sum + freezeAndMeasure(doc), 0);
      const withDocs = await settledHeap();
      docs = [];
      readings.push({ held: withDocs - (await settledHeap()), estimate });
    }
    expect(texts).toHaveLength(8);
    const { held, estimate } = readings.sort((a, b) => a.held - b.held)[1];
    expect(estimate).toBeGreaterThanOrEqual(held);
    // Erring high, but not so far that the bound keeps much less than it could.
    expect(estimate).toBeLessThan(2 * held);
  }, 30_000);

  it('walks a document nested 100,000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(freezeAndMeasure(deep)).toBeGreaterThan(100_000 * 48);
  });
});
