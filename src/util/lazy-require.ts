import { createRequire } from 'node:module';
import { propertyOf } from './property-of';

// __filename is CommonJS's; the ES module build gets it from tsup's shims (built from import.meta.url).
const requireHere = createRequire(__filename);

/**
 * A dependency loaded on first use, synchronously. Heavy modules a process may
 * never need (the disk cache, spec resolution) stay out of its memory; and
 * unlike `import()`, loading does not wait for a promise, so a client under
 * TestScheduler.run stays in virtual time.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      const module: unknown = requireHere(id);
      const interop = Boolean(propertyOf(module, '__esModule')) && propertyOf(module, 'default') !== undefined;
      // require() cannot know what a module exports: the caller names its type.
      loaded = (interop ? propertyOf(module, 'default') : module) as T;
    }
    return loaded;
  };
}
