declare module 'npm-pick-manifest' {
  interface PickManifestOptions {
    defaultTag?: string;
    before?: string | Date | null;
    nodeVersion?: string;
    npmVersion?: string;
    includeStaged?: boolean;
    avoid?: string;
    avoidStrict?: boolean;
  }
  /** Picks the manifest of the version that best satisfies `wanted` (a range, version or tag); throws ETARGET. */
  function pickManifest<M = Record<string, unknown>>(packument: unknown, wanted: string, options?: PickManifestOptions): M;
  export = pickManifest;
}
