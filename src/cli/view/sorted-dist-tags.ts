/** A time stamp for ordering; npm's own fallback `0` parses too (as the year 2000, in V8). */
const timeOf = (value: unknown) => Date.parse(String(value || 0));

/**
 * The dist-tags in the order npm's summary lists them: `latest` first, then
 * the others from the most recently published version back, ties broken by
 * tag name (reverse alphabetical, as npm's comparator happens to give).
 *
 * @example
 * sortedDistTags({ latest: '1.0.0', next: '2.0.0' }, { '1.0.0': '2024-01-01', '2.0.0': '2024-02-01' })
 * // [['latest', '1.0.0'], ['next', '2.0.0']]
 */
export function sortedDistTags(distTags: Record<string, unknown>, time: Record<string, unknown> = {}): [tag: string, version: unknown][] {
  return Object.entries(distTags).sort(([aTag, aVersion], [bTag, bVersion]) => {
    const aTime = aTag === 'latest' ? Infinity : timeOf(time[String(aVersion)]);
    const bTime = bTag === 'latest' ? Infinity : timeOf(time[String(bVersion)]);
    // npm's comparator, kept as it is (NaN times included) so that the order is the same.
    if (aTime === bTime) return aTag > bTag ? -1 : 1;
    return aTime > bTime ? -1 : 1;
  });
}
