/** Freezes a parsed JSON value and everything in it, so subscribers sharing it cannot change it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) freezeTree(value);
  return value;
}

// Parsed JSON: plain objects, arrays and primitives, no cycles. Indexed loops and for-in skip the key arrays
// Object.keys would build for every object of a multi-megabyte document.
function freezeTree(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') freezeTree(item);
    }
    return;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object') freezeTree(item);
  }
}
