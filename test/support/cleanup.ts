/** Anything a test starts that must be stopped so Jest exits with no open handles. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Keeps what a test starts (servers, proxies, clients) and closes all of it,
 * newest first, even when some of it fails to close.
 *
 * @example
 * const open = new Cleanup();
 * afterEach(() => open.closeAll());
 * const server = open.track(await startServer(handler));
 */
export class Cleanup {
  private readonly items: Closable[] = [];

  track<T extends Closable>(item: T): T {
    this.items.push(item);
    return item;
  }

  async closeAll(): Promise<void> {
    const items = this.items.splice(0).reverse();
    const results = await Promise.allSettled(items.map((item) => item.close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
