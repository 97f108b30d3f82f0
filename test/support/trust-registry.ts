import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import semver from 'semver';
import { sendJson, startServer, type TestServer } from './start-server';

/** An ECDSA P-256 key pair as a registry signs with, and the entry `/-/npm/v1/keys` lists for it. */
export interface SigningKey {
  readonly keyid: string;
  readonly privateKey: KeyObject;
  readonly listed: { keyid: string; keytype: string; scheme: string; key: string; expires: string | null };
}

/** A fresh P-256 key pair; `expires` is when the registry stopped using it. */
export function signingKey(keyid: string, expires: string | null = null): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const key = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return { keyid, privateKey, listed: { keyid, keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', key, expires } };
}

/** The registry's signature of a version: ECDSA over SHA-256 of `name@version:integrity`, base64 of its DER form. */
export function signatureOf(key: SigningKey, name: string, version: string, integrity: string): { keyid: string; sig: string } {
  return { keyid: key.keyid, sig: sign('sha256', Buffer.from(`${name}@${version}:${integrity}`), key.privateKey).toString('base64') };
}

/** One version to serve: signed by `signedBy` unless `signatures` are given outright; published at `time`. */
export interface TrustVersion {
  version: string;
  time?: string;
  signedBy?: SigningKey;
  signatures?: unknown;
  /** Bytes of the tarball; its integrity is computed from them. */
  tarball?: string;
}

/** An advisory as the bulk endpoint answers it. */
export interface BulkAdvisory {
  id: number;
  url: string;
  title: string;
  severity: 'info' | 'low' | 'moderate' | 'high' | 'critical';
  vulnerable_versions: string;
  cwe?: string[];
  cvss?: { score: number; vectorString: string | null };
}

export interface TrustRegistry {
  readonly url: string;
  readonly host: string;
  readonly server: TestServer;
  /** Lists `keys` at `/-/npm/v1/keys`; undefined answers 404, as a registry without signing does. */
  setKeys(keys: readonly unknown[] | undefined): void;
  addPackage(name: string, versions: readonly TrustVersion[]): void;
  /** Advisories the bulk endpoint knows, by package name. */
  addAdvisory(name: string, advisory: BulkAdvisory): void;
  /** Advisories the bulk endpoint sends for `name` whatever it was asked about, as a hostile or broken registry might. */
  addUnaskedAdvisory(name: string, advisory: BulkAdvisory): void;
  /** The decoded bodies the bulk endpoint received, with their content-encoding. */
  readonly bulkRequests: { encoding: string | undefined; body: unknown }[];
  close(): Promise<void>;
}

const integrityOf = (bytes: Buffer) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

/**
 * A registry on 127.0.0.1 that signs what it serves and knows advisories:
 * `/-/npm/v1/keys`, full packuments with `time` and `dist.signatures`,
 * tarballs, and `POST /-/npm/v1/security/advisories/bulk`, whose body it
 * gunzips when it says it is gzip, answering the advisories whose
 * `vulnerable_versions` match a version asked about.
 */
export async function startTrustRegistry(): Promise<TrustRegistry> {
  let keys: readonly unknown[] | undefined;
  const packages = new Map<string, { name: string; 'dist-tags': Record<string, string>; versions: Record<string, unknown>; time: Record<string, string> }>();
  const tarballs = new Map<string, Buffer>();
  const advisories = new Map<string, BulkAdvisory[]>();
  const unasked = new Map<string, BulkAdvisory[]>();
  const bulkRequests: TrustRegistry['bulkRequests'] = [];
  let url = '';

  function answer(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://loopback').pathname;
    if (path === '/-/npm/v1/keys') return keys ? sendJson(res, 200, { keys }) : sendJson(res, 404, { error: 'not found' });
    if (path === '/-/npm/v1/security/advisories/bulk' && req.method === 'POST') {
      const encoding = req.headers['content-encoding'];
      let body: Record<string, unknown>;
      try {
        body = JSON.parse((encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')) as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, { error: 'body is not (gzipped) JSON' });
      }
      bulkRequests.push({ encoding, body });
      const found: Record<string, BulkAdvisory[]> = {};
      for (const [name, versions] of Object.entries(body)) {
        const matching = (advisories.get(name) ?? []).filter((a) => Array.isArray(versions) && versions.some((v) => semver.satisfies(String(v), a.vulnerable_versions)));
        if (matching.length > 0) found[name] = matching;
      }
      for (const [name, extra] of unasked) found[name] = [...(found[name] ?? []), ...extra];
      return sendJson(res, 200, found);
    }
    if (path.includes('/-/') && tarballs.has(path)) {
      const bytes = tarballs.get(path)!;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      return void res.end(bytes);
    }
    const doc = packages.get(decodeURIComponent(path.slice(1)));
    return doc ? sendJson(res, 200, doc) : sendJson(res, 404, { error: 'not_found' });
  }

  const server = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks)));
  });
  url = server.url;

  return {
    url,
    host: server.host,
    server,
    bulkRequests,
    setKeys(listed) {
      keys = listed;
    },
    addPackage(name, versions) {
      const doc = { name, 'dist-tags': { latest: versions[versions.length - 1].version }, versions: {} as Record<string, unknown>, time: { created: '2020-01-01T00:00:00.000Z' } as Record<string, string> };
      for (const v of versions) {
        const file = `/${name}/-/${name.replace(/^@[^/]+\//, '')}-${v.version}.tgz`;
        const bytes = Buffer.from(v.tarball ?? `tarball of ${name}@${v.version}`);
        tarballs.set(file, bytes);
        const integrity = integrityOf(bytes);
        const signatures = v.signatures ?? (v.signedBy ? [signatureOf(v.signedBy, name, v.version, integrity)] : undefined);
        doc.versions[v.version] = { name, version: v.version, dist: { tarball: `${url.replace(/\/$/, '')}${file}`, integrity, ...(signatures === undefined ? {} : { signatures }) } };
        doc.time[v.version] = v.time ?? '2024-06-01T00:00:00.000Z';
      }
      packages.set(name, doc);
    },
    addUnaskedAdvisory(name, advisory) {
      unasked.set(name, [...(unasked.get(name) ?? []), advisory]);
    },
    addAdvisory(name, advisory) {
      advisories.set(name, [...(advisories.get(name) ?? []), advisory]);
    },
    close: () => server.close(),
  };
}
