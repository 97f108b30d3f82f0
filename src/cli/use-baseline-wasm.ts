import { setFlagsFromString } from 'node:v8';

/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff) for this process.
 * undici parses HTTP with llhttp compiled to WebAssembly; V8 then optimises
 * that module on a background thread, and a process that has finished waits
 * for the job before it exits: about 0.15 s of every short command, more
 * than the baseline code costs a command line in parsing. Process-wide, so
 * the command line sets it and the library never does.
 */
export function useBaselineWasm(): void {
  setFlagsFromString('--liftoff-only');
}
