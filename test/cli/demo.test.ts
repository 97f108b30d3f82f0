import { spawn } from 'node:child_process';
import { ROOT, withDistRebuilt } from './support/build-cli';
import { makeCliHome, type CliHome } from './support/cli-home';

/** `npm run demo` runs to the end with no network: a live view sees three versions and a dist-tag move. */

let home: CliHome;

beforeAll(async () => {
  home = await makeCliHome();
});

afterAll(async () => {
  await home?.remove();
});

function npmRunDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('npm', ['run', '--silent', 'demo'], { cwd: ROOT, env: home.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

it('runs to completion, showing each version and the dist-tag move in the live view', async () => {
  // `npm run demo` rebuilds dist/ first: it waits until no other test file runs the CLI.
  const { code, stdout, stderr } = await withDistRebuilt(npmRunDemo);

  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toMatch(/a local registry at http:\/\/127\.0\.0\.1:\d+\//);
  for (const version of ['1.0.0', '1.1.0', '2.0.0']) {
    expect(stdout).toContain(`+ rxnpm-live-demo@${version}`);
    expect(stdout).toContain(`│ rxnpm-live-demo: new version ${version}`);
  }
  expect(stdout).toContain('│ rxnpm-live-demo: latest 1.1.0 → 2.0.0');
  expect(stdout).toContain('the live view stopped with exit code 130');
}, 600_000);
