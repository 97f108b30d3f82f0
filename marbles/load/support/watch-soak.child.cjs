// Started by watch-soak.spec.ts with --expose-gc: holds one `watch` of the built
// library for many polls in virtual time and reports the heap after full GCs.
// node --expose-gc watch-soak.child.cjs <built rxnpm> <checkpoints as JSON> [leaky]
// Prints JSON: { samples: [{ polls, heapUsed, pending }], afterUnsubscribe: { polls }, emissions }.
// With "leaky", the transport keeps every request it is sent and 32 numbers
// beside it (a few hundred bytes a poll): a known leak, to show that the
// measurement sees one.
'use strict';
const [lib, checkpointsJson, mode] = process.argv.slice(2);
const { defer, of } = require('rxjs');
const { TestScheduler } = require('rxjs/testing');
const { RegistryClient, memoryStore } = require(lib);

if (typeof global.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const INTERVAL = 1000;
const checkpoints = JSON.parse(checkpointsJson);
const leaky = mode === 'leaky';

const DOC = { name: 'soak', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'soak', version: '1.0.0' } } };
const BODY = Buffer.from(JSON.stringify(DOC));
const VALIDATORS = { etag: '"soak-1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' };

/** Answers the first GET with the document and every conditional one with 304, synchronously. */
const transport = {
  requests: 0,
  kept: [],
  handle(req) {
    return defer(() => {
      transport.requests += 1;
      if (leaky) transport.kept.push({ req, slots: new Array(32).fill(transport.requests) });
      const conditional = req.headers['if-none-match'] !== undefined;
      const statusCode = conditional ? 304 : 200;
      const headers = conditional ? { ...VALIDATORS } : { 'content-type': 'application/json', ...VALIDATORS };
      return of(
        { type: 'headers', statusCode, headers },
        { type: 'response', url: req.url, statusCode, headers, body: conditional ? Buffer.alloc(0) : BODY },
      );
    });
  },
};

function settledHeap() {
  for (let i = 0; i < 4; i++) global.gc();
  return process.memoryUsage().heapUsed;
}

const scheduler = new TestScheduler(() => {});
const report = { samples: [], emissions: 0, errors: [] };
scheduler.run(() => {
  const client = new RegistryClient({ registry: 'http://127.0.0.1:4873/', cache: memoryStore(), transport });
  const subscription = client.watch('soak', { interval: INTERVAL }).subscribe({
    next: () => (report.emissions += 1),
    error: (error) => report.errors.push(String(error)),
  });
  for (const polls of checkpoints) {
    // Half an interval after the poll: it has been answered and the next is only scheduled.
    scheduler.maxFrames = polls * INTERVAL + INTERVAL / 2;
    scheduler.flush();
    report.samples.push({ polls: transport.requests - 1, heapUsed: settledHeap(), pending: scheduler.actions.length });
  }
  subscription.unsubscribe();
  const last = checkpoints[checkpoints.length - 1];
  scheduler.maxFrames = (last + 100) * INTERVAL;
  scheduler.flush();
  report.afterUnsubscribe = { polls: transport.requests - 1, pending: scheduler.actions.length };
});
process.stdout.write(JSON.stringify(report));
