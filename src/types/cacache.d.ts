import 'cacache';

declare module 'cacache' {
  namespace rm {
    /** `removeFully` deletes the index bucket instead of appending a tombstone; @types/cacache omits the option. */
    function entry(cachePath: string, key: string, opts: { removeFully?: boolean }): Promise<CacheObject>;
  }
}
