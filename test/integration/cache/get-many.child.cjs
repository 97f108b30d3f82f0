// Started by two-processes.test.ts, twice at once: fetches every package into one cache folder.
// node get-many.child.cjs <built rxnpm> <registry> <cache folder> <user-agent> <names as JSON>
'use strict';
const [lib, registry, cache, userAgent, namesJson] = process.argv.slice(2);
const { lastValueFrom } = require('rxjs');
const { RegistryClient } = require(lib);

const pathOf = (name) => `/${name.replace('/', '%2f')}`;

async function main() {
  const names = JSON.parse(namesJson);
  // cache-min 0: the second pass revalidates every copy, so both processes also rewrite index entries at once.
  const client = new RegistryClient({ registry, cache, 'user-agent': userAgent, 'cache-min': 0, 'fetch-retry-mintimeout': 10, 'fetch-retry-maxtimeout': 50 });
  const passes = [];
  try {
    for (const [pass, fullMetadata] of [[0, true], [1, true], [2, false]]) {
      const order = pass === 1 ? [...names].reverse() : names;
      const statuses = {};
      await Promise.all(
        order.map(async (name) => {
          const res = await lastValueFrom(client.get(pathOf(name), { fullMetadata }));
          if (res.data.name !== name) throw new Error(`asked for ${name}, got ${res.data.name}`);
          statuses[name] = res.cacheStatus;
        }),
      );
      passes.push(statuses);
    }
  } finally {
    await client.close();
  }
  process.stdout.write(JSON.stringify(passes));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
