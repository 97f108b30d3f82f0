import { runCommand } from '../docs/support/run-command';
import { ROOT, withDistRebuilt } from './support/build-cli';
import { useCliHome } from './support/use-cli';

/**
 * `npm run demo` and `npm run example` run to the end with no network, and
 * print the same lines in the same order on every run: what a live view
 * shows comes right under the step that caused it.
 */

// Only a home: the scripts build dist/ and run it themselves, so this file must not hold it.
const user = useCliHome();

const npmRun = (script: string) => runCommand('npm', ['run', '--silent', script], { cwd: ROOT, env: user.home.env(), timeoutMs: 150_000 });

/** The output with the registry's port, which changes from run to run, as `PORT`. */
const withoutPort = (text: string) => text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');

it('the demo shows each version and the dist-tag move in the live view, under the command that made it', async () => {
  // `npm run demo` rebuilds dist/ first: it waits until no other test file runs the CLI.
  const { code, stdout, stderr } = await withDistRebuilt(() => npmRun('demo'));

  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(withoutPort(stdout)).toBe(`rxnpm live demo: a local registry at http://127.0.0.1:PORT/ (Verdaccio on loopback, no network needed)

$ rxnpm login --username demo --password demo-password --email demo@example.com
Logged in as demo on http://127.0.0.1:PORT/.

$ rxnpm whoami
demo

$ rxnpm view rxnpm-live-demo --watch --interval 400 &     # the live view; its lines are marked │
  │ rxnpm notice view rxnpm-live-demo is not on the registry yet: waiting for it to be published

$ rxnpm publish rxnpm-live-demo-1.0.0.tgz --tag latest
+ rxnpm-live-demo@1.0.0
  │ rxnpm-live-demo: new version 1.0.0
  │ rxnpm-live-demo: latest → 1.0.0 (new tag)

$ rxnpm publish rxnpm-live-demo-1.1.0.tgz --tag latest
+ rxnpm-live-demo@1.1.0
  │ rxnpm-live-demo: new version 1.1.0
  │ rxnpm-live-demo: latest 1.0.0 → 1.1.0

$ rxnpm publish rxnpm-live-demo-2.0.0.tgz --tag next
+ rxnpm-live-demo@2.0.0
  │ rxnpm-live-demo: new version 2.0.0
  │ rxnpm-live-demo: next → 2.0.0 (new tag)

$ rxnpm dist-tag add rxnpm-live-demo@2.0.0 latest
+latest: rxnpm-live-demo@2.0.0
  │ rxnpm-live-demo: latest 1.1.0 → 2.0.0

$ rxnpm dist-tag ls rxnpm-live-demo
latest: 2.0.0
next: 2.0.0

(Ctrl-C to the live view)
the live view stopped with exit code 130

Done: three versions published and a dist-tag moved, each seen live. The registry and its files are gone.
`);
}, 600_000);

it('the example tours the library: account, publish with progress, get with staleOk, watch, manifest, tarball', async () => {
  const { code, stdout, stderr } = await withDistRebuilt(() => npmRun('example'));

  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  // Byte counts follow the tarballs' dates; everything else is fixed.
  expect(withoutPort(stdout).replace(/\b\d+ (of \d+ )?bytes/g, (bytes) => bytes.replace(/\d+/g, 'N'))).toBe(`registry http://127.0.0.1:PORT/
ping → the registry answers
adduser → demo, with a token
whoami → demo
publish rxnpm-example@1.0.0 → 201 (progress up to N of N bytes)
get → miss, latest 1.0.0
get with staleOk → stale (latest 1.0.0), then revalidated (latest 1.0.0)
watch → latest 1.0.0
publish rxnpm-example@1.1.0 → 201 (progress up to N of N bytes)
watch → latest 1.1.0
manifest rxnpm-example@^1 → 1.1.0
tarball → N bytes, checked against its sha512 integrity
a missing package → E404: 404 Not Found - GET http://127.0.0.1:PORT/no-such-package - no such package available
`);
}, 600_000);
