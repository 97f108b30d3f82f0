/** How deep a JSON value may nest before rxnpm refuses to copy, print or stringify it (ETOODEEP). */
export const MAX_JSON_DEPTH = 512;

/**
 * Whether a parsed JSON value nests objects and arrays more than `max` levels
 * deep. The walk keeps its own stack, so the check itself cannot overflow:
 * it guards the recursive walks (`JSON.stringify`, `structuredClone`) that would.
 *
 * @example nestedDeeperThan(JSON.parse('[[[]]]'), 2) === true
 */
export function nestedDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const pending: Array<[item: unknown, depth: number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return false;
}
