// Started by durable-writes.test.ts: one call through the built library, its result on stdout, then the process ends.
// node one-call.child.cjs <built rxnpm> <registry> <cache folder> <get|put|get-no-close> <path> [timeout s]
'use strict';
const [lib, registry, cache, op, path, timeout] = process.argv.slice(2);
const { lastValueFrom } = require('rxjs');
const { RegistryClient } = require(lib);

async function main() {
  const host = new URL(registry).host;
  const client = new RegistryClient({ registry, cache, 'fetch-retries': 0, [`//${host}/:_authToken`]: 'token' });
  const res = op === 'put' ? await lastValueFrom(client.request('PUT', path, '"2.0.0"')) : await lastValueFrom(client.get(path, timeout === undefined ? undefined : Number(timeout)));
  process.stdout.write(JSON.stringify({ cacheStatus: res.cacheStatus, data: res.data }));
  // get-no-close: the process ends by itself once its event loop drains.
  if (op !== 'get-no-close') {
    await client.close();
    // Ends at once, as a script may: whatever close() waited for is on disk by now.
    process.exit(0);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
