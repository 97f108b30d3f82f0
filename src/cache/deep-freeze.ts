import { freezeAndMeasure } from './freeze-and-measure';

/** Freezes a parsed JSON value and everything in it (iteratively: see `freezeAndMeasure`). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) freezeAndMeasure(value);
  return value;
}
