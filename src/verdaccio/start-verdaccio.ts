import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Verdaccio registry on 127.0.0.1 with its own temp storage and no uplinks. */
export interface LocalRegistry {
  /** Ends with `/`. */
  readonly url: string;
  readonly folder: string;
  close(): Promise<void>;
}

const CONFIG = `storage: ./storage
auth:
  htpasswd: { file: ./htpasswd, max_users: 1000, algorithm: bcrypt, rounds: 4 }
uplinks: {}
packages:
  '@*/*': { access: $all, publish: $authenticated, unpublish: $authenticated }
  '**': { access: $all, publish: $authenticated, unpublish: $authenticated }
web: { enable: false }
middlewares: { audit: { enabled: false } }
server: { keepAliveTimeout: 60 }
max_body_size: 300mb
log: { type: stdout, format: json, level: error }
`;

/**
 * Starts Verdaccio (a dev dependency: tests and the demo use it) on an
 * ephemeral loopback port. Nothing leaves the machine.
 */
export async function startVerdaccio(): Promise<LocalRegistry> {
  const folder = await mkdtemp(join(tmpdir(), 'rxnpm-verdaccio-'));
  const configPath = join(folder, 'config.yaml');
  await writeFile(configPath, CONFIG);
  // Loaded only here: Verdaccio is a dev dependency, left out of the build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runServer }: typeof import('verdaccio') = require('verdaccio');
  const server: Server = await runServer(configPath);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`Verdaccio is not listening on a TCP port (${String(address)})`);
  return {
    url: `http://127.0.0.1:${address.port}/`,
    folder,
    async close() {
      // Keep-alive sockets would otherwise hold the server open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(folder, { recursive: true, force: true });
    },
  };
}
