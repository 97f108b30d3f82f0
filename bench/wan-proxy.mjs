// A modelled user's line, all on loopback (traffic control is not available on
// these machines): a TCP proxy in its own process, so its timers never share an
// event loop with a client under test. Run by bench/wan.mjs with `fork`:
//   argv: <listen-spec> ...   each "name=upstreamPort" gets its own listening port
//   env:  WAN_DELAY_MS (20, one way), WAN_RATE_MBIT (100, the shared downstream)
// It answers over IPC with `{ ports: { name: port }, admin }`; GET /stats on the
// admin port returns the bytes and connections counted so far (the admin port
// is not part of the model: reading it costs no modelled time or bytes).
//
// The model, per connection:
//   - client → server: every chunk is held WAN_DELAY_MS;
//   - a new connection's first bytes go upstream only one round trip after it
//     was accepted (the TCP handshake: SYN, SYN-ACK, then data with the ACK);
//   - server → client: every chunk is serialised through ONE downstream shared
//     by all connections, first come first served, at WAN_RATE_MBIT, then held
//     WAN_DELAY_MS.
// TLS passes through as bytes, so ALPN and HTTP/2 happen end to end.
import { createServer as createTcpServer, connect } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';

const DELAY_MS = Number(process.env.WAN_DELAY_MS ?? 20);
const RATE_MBIT = Number(process.env.WAN_RATE_MBIT ?? 100);
if (!(DELAY_MS >= 0) || !(RATE_MBIT > 0)) throw new Error('WAN_DELAY_MS must be ≥ 0 and WAN_RATE_MBIT > 0');
const MS_PER_BYTE = 8 / (RATE_MBIT * 1000);

const counts = { up: 0, down: 0, connections: 0, byListener: {} };
/** When the shared downstream has finished serialising everything queued so far. */
let linkFreeAt = 0;

/**
 * Delivers chunks to `socket` in order, each at its own due time. Due times
 * only grow within one direction of one connection (constant delay, FCFS
 * link), so one timer for the head of the queue is enough.
 */
function scheduledWriter(socket) {
  const queue = [];
  let timer;
  let ending = false;
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length && queue[0].due <= now + 0.5) socket.write(queue.shift().chunk);
    if (queue.length) timer = setTimeout(pump, queue[0].due - now);
    else if (ending) socket.end();
  };
  return {
    push(chunk, due) {
      queue.push({ chunk, due });
      if (!timer) timer = setTimeout(pump, Math.max(0, due - performance.now()));
    },
    /** Ends the socket once everything queued is delivered (a FIN travels the line like data). */
    end() {
      ending = true;
      if (!timer) timer = setTimeout(pump, DELAY_MS);
    },
    cancel() {
      clearTimeout(timer);
      queue.length = 0;
    },
  };
}

function listen(name, upstreamPort) {
  counts.byListener[name] = { up: 0, down: 0, connections: 0 };
  const mine = counts.byListener[name];
  // Half-open allowed: a FIN is forwarded in its turn, after the data queued before it.
  const server = createTcpServer({ noDelay: true, allowHalfOpen: true }, (client) => {
    const accepted = performance.now();
    counts.connections += 1;
    mine.connections += 1;
    const upstream = connect({ host: '127.0.0.1', port: upstreamPort, noDelay: true, allowHalfOpen: true });
    const toServer = scheduledWriter(upstream);
    const toClient = scheduledWriter(client);
    client.on('data', (chunk) => {
      counts.up += chunk.length;
      mine.up += chunk.length;
      // The handshake's round trip, then the one-way delay.
      toServer.push(chunk, Math.max(performance.now(), accepted + 2 * DELAY_MS) + DELAY_MS);
    });
    upstream.on('data', (chunk) => {
      counts.down += chunk.length;
      mine.down += chunk.length;
      const start = Math.max(performance.now(), linkFreeAt);
      linkFreeAt = start + chunk.length * MS_PER_BYTE;
      toClient.push(chunk, linkFreeAt + DELAY_MS);
    });
    client.on('end', () => toServer.end());
    upstream.on('end', () => toClient.end());
    const teardown = () => {
      toServer.cancel();
      toClient.cancel();
      client.destroy();
      upstream.destroy();
    };
    client.on('error', teardown);
    upstream.on('error', teardown);
    client.on('close', (hadError) => hadError && teardown());
    upstream.on('close', (hadError) => hadError && teardown());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve([name, server.address().port]));
  });
}

const specs = process.argv.slice(2).map((arg) => arg.split('='));
const ports = Object.fromEntries(await Promise.all(specs.map(([name, port]) => listen(name, Number(port)))));
const admin = createHttpServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ...counts, delayMs: DELAY_MS, rateMbit: RATE_MBIT }));
});
admin.listen(0, '127.0.0.1', () => process.send({ ports, admin: `http://127.0.0.1:${admin.address().port}/stats` }));
process.on('disconnect', () => process.exit(0));
