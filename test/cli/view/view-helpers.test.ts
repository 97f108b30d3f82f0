import { formatBytes } from '../../../src/cli/view/format-bytes';
import { formatView } from '../../../src/cli/view/format-view';
import { parseFieldPath, APPEND } from '../../../src/cli/view/parse-field-path';
import { peopleAsText } from '../../../src/cli/view/people-as-text';
import { queryField } from '../../../src/cli/view/query-field';
import { redactSecrets } from '../../../src/cli/view/redact-secrets';
import { relativeDate } from '../../../src/cli/view/relative-date';
import { sortedDistTags } from '../../../src/cli/view/sorted-dist-tags';
import { stripControlChars } from '../../../src/cli/view/strip-control-chars';
import { textStyles } from '../../../src/cli/view/text-styles';
import { ViewError } from '../../../src/cli/view/view-error';
import { thrownBy } from './support/thrown-by';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const packument = () =>
  deepFreeze({
    _id: 'pkg',
    name: 'pkg',
    readme: 'read me',
    'dist-tags': { latest: '1.1.0', beta: '2.0.0-beta.0' },
    time: { '1.0.0': '2024-01-01T00:00:00.000Z', '1.1.0': '2024-02-01T00:00:00.000Z', '2.0.0-beta.0': '2024-03-01T00:00:00.000Z' },
    versions: {
      '1.0.0': { name: 'pkg', version: '1.0.0', dist: { tarball: 'http://127.0.0.1/pkg-1.0.0.tgz', shasum: 'a' } },
      '1.1.0': { name: 'pkg', version: '1.1.0', dist: { tarball: 'http://127.0.0.1/pkg-1.1.0.tgz', shasum: 'b' } },
      '2.0.0-beta.0': { name: 'pkg', version: '2.0.0-beta.0', dist: { tarball: 'http://127.0.0.1/pkg-2.0.0-beta.0.tgz', shasum: 'c' } },
    },
  });

const plain = { json: false, color: false, now: new Date('2024-06-01T00:00:00.000Z') };

describe('formatView as a pure function', () => {
  it('reads the packument without changing it (a frozen one works) and gives the same text each time', () => {
    const doc = packument();
    const first = formatView(doc, '', [], plain);
    expect(formatView(doc, '', [], plain)).toBe(first);
    expect(formatView(doc, '^1', ['version'], { ...plain, json: true })).toBe('[\n  "1.0.0",\n  "1.1.0"\n]\n');
    expect(doc.versions['1.0.0']).not.toHaveProperty('versions');
  });

  it('takes no spec, "*" and "latest" for the default tag, which the tag option changes', () => {
    const doc = packument();
    expect(formatView(doc, '', ['version'], plain)).toBe('1.1.0\n');
    expect(formatView(doc, '*', ['version'], plain)).toBe('1.1.0\n');
    expect(formatView(doc, 'latest', ['version'], plain)).toBe('1.1.0\n');
    expect(formatView(doc, '', ['version'], { ...plain, tag: 'beta' })).toBe('2.0.0-beta.0\n');
  });

  it('adds _contentLength to the JSON document only when the length is given, and drops the readme unless asked for', () => {
    const doc = packument();
    const without = JSON.parse(formatView(doc, '1.0.0', [], { ...plain, json: true })) as Record<string, unknown>;
    expect(without).not.toHaveProperty('_contentLength');
    expect(without).not.toHaveProperty('readme');
    expect(JSON.parse(formatView(doc, '1.0.0', [], { ...plain, json: true, contentLength: 42 }))).toHaveProperty('_contentLength', 42);
    expect(formatView(doc, '1.0.0', ['readme'], plain)).toBe('read me\n');
  });

  it('prints no escape codes without color, and chalk-style codes with it', () => {
    expect(formatView(packument(), '', [], plain)).not.toContain('\u001B');
    expect(formatView(packument(), '', [], { ...plain, color: true })).toContain('\u001B[4m\u001B[36mpkg@1.1.0\u001B[39m\u001B[24m');
  });

  it('throws ViewError E404 with npm\'s message and pkgid when nothing matches', () => {
    const error = thrownBy(() => formatView(packument(), '^3', [], plain));
    expect(error).toBeInstanceOf(ViewError);
    expect(error).toMatchObject({ code: 'E404', statusCode: 404, pkgid: 'pkg@^3', message: 'No match found for version ^3' });
  });

  it('takes anything for a packument: no versions is "no match", not a crash', () => {
    expect(() => formatView(null, '1.0.0', [], plain)).toThrow(ViewError);
    expect(formatView({}, '', [], plain)).toBe('');
  });
});

describe('relativeDate (the phrases of tiny-relative-date, as npm prints them)', () => {
  const now = new Date('2024-06-15T12:00:00.000Z');
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

  it.each([
    [10, 'just now'],
    [45, '45 seconds ago'],
    [90, 'a minute ago'],
    [25 * 60, '25 minutes ago'],
    [90 * 60, 'an hour ago'],
    [5 * 3600, '5 hours ago'],
    [8 * 86400, 'a week ago'],
    [20 * 86400, '2 weeks ago'],
    [45 * 86400, 'a month ago'],
    [100 * 86400, '3 months ago'],
    [400 * 86400, 'a year ago'],
    [900 * 86400, 'over a year ago'],
  ])('%i seconds back is "%s"', (seconds, phrase) => {
    expect(relativeDate(before(seconds), now)).toBe(phrase);
  });

  it('counts from local midnight between one day and one week, so 25 hours back is "yesterday" and 2½ days back "3 days ago"', () => {
    const localNoon = new Date(2024, 5, 15, 12, 0, 0);
    expect(relativeDate(new Date(2024, 5, 14, 11, 0, 0), localNoon)).toBe('yesterday');
    expect(relativeDate(new Date(2024, 5, 12, 23, 0, 0), localNoon)).toBe('3 days ago');
  });

  it('speaks of the future too, and of unparsable dates as "over a year from now"', () => {
    expect(relativeDate(new Date(now.getTime() + 5 * 3600_000), now)).toBe('5 hours from now');
    expect(relativeDate('not a date', now)).toBe('over a year from now');
  });
});

describe('formatBytes', () => {
  it.each([
    [999, '999 B'],
    [1000, '1.0 kB'],
    [999_949, '999.9 kB'],
    [999_950, '1.0 MB'],
    [2_345_678, '2.3 MB'],
    [1_234_567_890, '1.2 GB'],
  ])('%i bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('field paths and queries', () => {
  it.each([
    ['version', ['version']],
    ['dist.tarball', ['dist', 'tarball']],
    ['time[1.0.0]', ['time', '1.0.0']],
    ['maintainers[0].email', ['maintainers', '0', 'email']],
    ['a[x.y].b.c[1]', ['a', 'x.y', 'b', 'c', '1']],
    ['  padded  ', ['padded']],
    ['list[]', ['list', APPEND]],
  ])('%s walks %j', (field, steps) => {
    expect(parseFieldPath(field)).toEqual(steps);
  });

  const doc = { name: 'x', list: [{ n: 1 }, { n: 2 }], one: ['only'], none: [], deep: { a: { b: 'c' } } };

  it('finds values under the field as given, and nothing for a missing one', () => {
    expect(queryField(doc, 'deep.a.b', { unwrapSingleItemArrays: true })).toEqual({ 'deep.a.b': 'c' });
    expect(queryField(doc, 'deep.z', { unwrapSingleItemArrays: true })).toBeUndefined();
    expect(queryField(doc, 'name.length', { unwrapSingleItemArrays: true })).toEqual({ 'name.length': 1 });
  });

  it('unwraps arrays of one item or none only for text output', () => {
    expect(queryField(doc, 'one', { unwrapSingleItemArrays: true })).toEqual({ one: 'only' });
    expect(queryField(doc, 'none', { unwrapSingleItemArrays: true })).toEqual({ none: undefined });
    expect(queryField(doc, 'one', { unwrapSingleItemArrays: false })).toEqual({ one: ['only'] });
  });

  it('spreads a name after an array over its items', () => {
    expect(queryField(doc, 'list.n', { unwrapSingleItemArrays: true })).toEqual({ 'list[0].n': 1, 'list[1].n': 2 });
    expect(queryField(doc, 'list[1].n', { unwrapSingleItemArrays: true })).toEqual({ 'list[1].n': 2 });
  });

  it('refuses empty brackets once it reaches them', () => {
    expect(thrownBy(() => queryField(doc, 'list[]', { unwrapSingleItemArrays: true }))).toMatchObject({ code: 'EINVALIDSYNTAX' });
    expect(queryField(doc, 'missing[]', { unwrapSingleItemArrays: true })).toBeUndefined();
  });
});

describe('people as text', () => {
  it('writes person objects (name with at most email and url) as "name <email> (url)", in arrays too, not inside other objects', () => {
    expect(peopleAsText({ name: 'ada' })).toBe('ada');
    expect(peopleAsText({ name: 'ada', email: 'a@x.test', url: 'http://127.0.0.1/' })).toBe('ada <a@x.test> (http://127.0.0.1/)');
    expect(peopleAsText([[{ name: 'ada', url: 'u' }]])).toEqual([['ada (u)']]);
    expect(peopleAsText({ name: 'ada', email: 'a@x.test', role: 'x' })).toEqual({ name: 'ada', email: 'a@x.test', role: 'x' });
    expect(peopleAsText({ owner: { name: 'ada' } })).toEqual({ owner: { name: 'ada' } });
  });
});

describe('dist-tag order', () => {
  it('puts latest first, then the newest versions, ties in reverse tag order', () => {
    const time = { '1.0.0': '2024-01-01', '2.0.0': '2024-02-01' };
    expect(sortedDistTags({ a: '1.0.0', b: '1.0.0', next: '2.0.0', latest: '1.0.0' }, time).map(([tag]) => tag)).toEqual(['latest', 'next', 'b', 'a']);
  });
});

describe('terminal safety', () => {
  it('hides URL passwords, npm tokens and UUIDs word by word', () => {
    expect(redactSecrets('at http://ada:pw@127.0.0.1/x and npm_abcdefghijklmnopqrstuvwxyz0123456789 id=123e4567-e89b-12d3-a456-426614174000')).toBe(
      'at http://ada:***@127.0.0.1/x and npm_*** id=***',
    );
    expect(redactSecrets('http://127.0.0.1/no-password')).toBe('http://127.0.0.1/no-password');
  });

  it('keeps colors and tabs, and shows other control characters in caret notation', () => {
    expect(stripControlChars('a\tb\u001B[31mred\u001B[39m\u0007\u001B]0;title\u007f\u0085')).toBe('a\tb\u001B[31mred\u001B[39m^G^[]0;title^?^E');
  });
});

describe('text styles', () => {
  it('are plain strings without color, any value included', () => {
    const s = textStyles(false);
    expect([s.blue('x'), s.cyan(3), s.dim(undefined), s.underlineCyan('y')]).toEqual(['x', '3', 'undefined', 'y']);
  });

  it('follow chalk with color: nothing around empty text, re-open after a nested close, close around line breaks', () => {
    const s = textStyles(true);
    expect(s.blue('')).toBe('');
    expect(s.underlineCyan('a')).toBe('\u001B[4m\u001B[36ma\u001B[39m\u001B[24m');
    expect(s.cyan(`x${s.blue('y')}z`)).toBe('\u001B[36mx\u001B[34my\u001B[39m\u001B[36mz\u001B[39m');
    expect(s.green('a\nb')).toBe('\u001B[32ma\u001B[39m\n\u001B[32mb\u001B[39m');
  });
});
