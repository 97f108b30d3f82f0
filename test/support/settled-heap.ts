import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A collector to call between measurements (the flag exposes `gc` to contexts made after it is set).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options?: { type: 'major'; execution: 'sync' }) => void;

/** Heap and buffer bytes in use once garbage is collected: what is really held. */
export async function settledHeap(): Promise<number> {
  // A turn between collections lets buffers whose wrappers died give their memory back (external memory is
  // released after the collection, not in it).
  for (let i = 0; i < 3; i++) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Sweeping after a collection may still run on other threads, and heap it has not swept yet counts as used:
  // synchronous collections back to back wait for it.
  collect({ type: 'major', execution: 'sync' });
  collect({ type: 'major', execution: 'sync' });
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}
