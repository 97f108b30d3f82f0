/**
 * Freezes a parsed JSON value and everything in it, so subscribers sharing it
 * cannot change it. The walk keeps its own stack: a registry may send a
 * document nested 100,000 levels deep, and a recursive walk would overflow
 * the call stack on it.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const pending: object[] = [value];
  // Parsed JSON: plain objects, arrays and primitives, no cycles. Indexed loops and for-in skip the key arrays
  // Object.keys would build for every object of a multi-megabyte document.
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    Object.freeze(next);
    if (Array.isArray(next)) {
      for (let i = 0; i < next.length; i++) {
        const item: unknown = next[i];
        if (item !== null && typeof item === 'object') pending.push(item);
      }
      continue;
    }
    for (const key in next) {
      const item: unknown = Reflect.get(next, key);
      if (item !== null && typeof item === 'object') pending.push(item);
    }
  }
  return value;
}
