// The loopback registry the benchmark reads from: nginx when it is installed
// (Debian's nginx serves static JSON with ETag, Last-Modified and 304 by itself),
// otherwise bench/static-server.mjs in a child process. Either way the server
// runs in its own process, so it never shares an event loop with the client
// under test, and it listens on 127.0.0.1 only.
import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

function findNginx() {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'nginx');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** nginx cannot listen on port 0: ask the kernel for a free port the way port 0 would, then hand it over. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** One GET on a fresh connection, with node:http (not undici), for readiness checks and stats. */
export function plainGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.end();
  });
}

/** Cumulative answers by status since the server started: `{ 200, 304, other, protocols }` (protocols: nginx only). */
export async function readStats(spec) {
  if (spec.kind === 'http') {
    const { body } = await plainGet(spec.url);
    return JSON.parse(body.toString('utf8'));
  }
  // nginx writes its access-log line just after the response: wait until the count stops moving.
  let last = '';
  for (let i = 0; i < 20; i++) {
    const text = existsSync(spec.path) ? readFileSync(spec.path, 'utf8') : '';
    if (text === last && i > 0) break;
    last = text;
    await sleep(25);
  }
  const counts = { 200: 0, 304: 0, other: 0, protocols: {} };
  for (const line of last.split('\n')) {
    if (!line) continue;
    const [status, protocol] = line.split(' ');
    if (status === '200' || status === '304') counts[status] += 1;
    else counts.other += 1;
    if (protocol) counts.protocols[protocol] = (counts.protocols[protocol] ?? 0) + 1;
  }
  return counts;
}

async function waitUntilServing(base, child, what) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited during start-up`);
    try {
      await plainGet(`${base}/-/bench/ready`);
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`${what} did not answer within 10 s`);
}

/**
 * `wan`: also serve precompressed twins (`gzip_static`, for clients asking for
 * gzip) and, with `wan.tls` ({ cert, key } file paths), a TLS server block
 * speaking HTTP/2 with room for every request at once.
 */
async function startNginx(nginx, corpus, dir, wan) {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  const errorLog = join(dir, 'error.log');
  const accessLog = join(dir, 'access.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const tlsPort = wan?.tls ? await freePort() : undefined;
    const tlsBlock = wan?.tls
      ? `
  server {
    listen 127.0.0.1:${tlsPort} ssl http2;
    ssl_certificate ${wan.tls.cert};
    ssl_certificate_key ${wan.tls.key};
    http2_max_concurrent_streams 1024;
    root ${corpus};
    location / { try_files $uri =404; }
  }`
      : '';
    writeFileSync(conf, `
worker_processes 1;
daemon off;
master_process on;
pid ${join(dir, 'nginx.pid')};
error_log ${errorLog} warn;
events { worker_connections 1024; }
http {
  # The status and the protocol each answer went out in (HTTP/1.1 or HTTP/2.0), for the counts.
  log_format counts '$status $server_protocol';
  access_log ${accessLog} counts;
  client_body_temp_path ${join(dir, 'tmp')};
  proxy_temp_path ${join(dir, 'tmp')};
  fastcgi_temp_path ${join(dir, 'tmp')};
  uwsgi_temp_path ${join(dir, 'tmp')};
  scgi_temp_path ${join(dir, 'tmp')};
  types {}
  default_type application/json;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 75s;
  keepalive_requests 100000;
  etag on;
${wan ? '  gzip_static on;\n  gzip_vary on;' : ''}
  server {
    listen 127.0.0.1:${port};
    root ${corpus};
    location = /-/bench/ready { access_log off; return 204; }
    location / { try_files $uri =404; }
  }${tlsBlock}
}
`);
    const child = spawn(nginx, ['-p', dir, '-c', conf, '-e', errorLog], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitUntilServing(base, child, 'nginx');
      return {
        kind: `nginx (${readVersion(nginx)}, 1 worker)`,
        base,
        tlsBase: tlsPort && `https://127.0.0.1:${tlsPort}`,
        stats: { kind: 'log', path: accessLog },
        pid: child.pid,
        close: () => stopChild(child, 'SIGQUIT'),
      };
    } catch (error) {
      await stopChild(child, 'SIGTERM');
      const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
      if (attempt < 3 && /Address already in use/.test(log + stderr)) continue;
      throw new Error(`${error.message}\n${stderr}${log}`);
    }
  }
}

function readVersion(nginx) {
  // `nginx -v` prints "nginx version: nginx/1.22.1" on stderr; run once, outside any measurement.
  const { stderr } = spawnSync(nginx, ['-v'], { encoding: 'utf8' });
  return /nginx\/[\d.]+/.exec(stderr ?? '')?.[0] ?? 'nginx';
}

async function startNode(corpus) {
  const child = fork(join(here, 'static-server.mjs'), [corpus], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`static-server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilServing(base, child, 'static-server');
  return {
    kind: 'node:http static server (child process)',
    base,
    stats: { kind: 'http', url: `${base}/-/bench/stats` },
    pid: child.pid,
    close: () => stopChild(child, 'SIGTERM'),
  };
}

function stopChild(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux port Node runs on

/** Linux: CPU seconds the whole machine spent busy since boot (all CPUs), or undefined elsewhere. */
export function machineBusySeconds() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user + nice + system + irq + softirq + (steal || 0)) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Linux: CPU seconds used so far by a process and its live children (nginx: master and worker), or undefined. */
export function processTreeCpuSeconds(pid) {
  try {
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      // Fields after the command name, which is in parentheses and may hold spaces.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(rest[1]);
      if (Number(entry) === pid || ppid === pid) ticks += Number(rest[11]) + Number(rest[12]);
    }
    return ticks / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * Starts the registry. `which`: 'auto' (nginx if installed, else node), 'nginx' or 'node'.
 * Returns `{ kind, base, stats, close }`.
 */
export async function startServer({ corpus, dir, which = 'auto' }) {
  const nginx = which === 'node' ? undefined : findNginx();
  if (which === 'nginx' && !nginx) throw new Error('BENCH_SERVER=nginx but no nginx binary was found');
  if (nginx) {
    try {
      return await startNginx(nginx, corpus, dir);
    } catch (error) {
      if (which === 'nginx') throw error;
      console.warn(`nginx would not start (${error.message.split('\n')[0]}); using the Node static server`);
    }
  }
  return startNode(corpus);
}

/** nginx only (the wide-area benchmark needs gzip_static and HTTP/2): fails with the command that installs it. */
export async function startWanNginx({ corpus, dir, tls }) {
  const nginx = findNginx();
  if (!nginx) throw new Error('nginx is not installed; the wide-area benchmark needs it: apt-get update && apt-get install -y nginx openssl');
  return startNginx(nginx, corpus, dir, { tls });
}
