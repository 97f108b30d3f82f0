// A minimal static registry for the benchmark, used when nginx is not installed.
// Run as a child process (never in the process under test): node bench/static-server.mjs <folder>
//
// Serves <folder>/<name> at /<name> as application/json, with a strong ETag and
// Last-Modified as nginx makes them, and answers If-None-Match / If-Modified-Since
// with 304 (both must match when both are sent, as in nginx). The files are read
// once at start so the server is never the bottleneck. GET /-/bench/stats answers
// the cumulative count of answers by status (the stats requests are not counted).
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node bench/static-server.mjs <folder>');
  process.exit(2);
}

const files = new Map();
for (const name of readdirSync(folder)) {
  const path = join(folder, name);
  const st = statSync(path);
  if (!st.isFile()) continue;
  const mtime = Math.floor(st.mtimeMs / 1000);
  files.set(`/${encodeURIComponent(name)}`, {
    body: readFileSync(path),
    etag: `"${mtime.toString(16)}-${st.size.toString(16)}"`,
    lastModified: new Date(mtime * 1000).toUTCString(),
  });
}

const counts = { 200: 0, 304: 0, other: 0 };
const count = (status) => {
  if (status === 200 || status === 304) counts[status] += 1;
  else counts.other += 1;
};

function etagMatches(header, etag) {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path === '/-/bench/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(counts));
    return;
  }
  const file = req.method === 'GET' || req.method === 'HEAD' ? files.get(path) : undefined;
  if (!file) {
    count(404);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
    return;
  }
  const headers = { 'content-type': 'application/json', etag: file.etag, 'last-modified': file.lastModified };
  const ims = req.headers['if-modified-since'];
  const inm = req.headers['if-none-match'];
  if (ims !== undefined || inm !== undefined) {
    const imsOk = ims === undefined || ims === file.lastModified;
    const inmOk = inm === undefined || etagMatches(inm, file.etag);
    if (imsOk && inmOk) {
      count(304);
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  count(200);
  res.writeHead(200, { ...headers, 'content-length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 70_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  if (process.send) process.send({ port, files: files.size });
  else console.log(JSON.stringify({ port, files: files.size }));
});

const stop = () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
