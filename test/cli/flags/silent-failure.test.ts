import { bothTools } from './support/both-tools';

/**
 * `-s` is silent, failures included: npm's error lines are log lines, and
 * silent logs none, so a failed command prints nothing on stderr and still
 * exits 1; with `--json` the error is still the JSON on stdout.
 */

jest.setTimeout(120_000);

const { rxnpm, npm } = bothTools();

describe('a failure at --loglevel silent', () => {
  it.each([[['-s']], [['--silent']], [['--loglevel', 'silent']], [['--loglevel=silent']]])('%j prints nothing, as npm, and exits 1', async (flags) => {
    const args = ['view', 'no-such-pkg', ...flags];
    const [ours, theirs] = await Promise.all([rxnpm(args), npm(args)]);
    expect(theirs).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(ours).toMatchObject({ code: 1, stdout: '', stderr: '' });
  });

  it('with --json prints the error as JSON on stdout and nothing else, as npm', async () => {
    const args = ['view', 'no-such-pkg', '-s', '--json'];
    const [ours, theirs] = await Promise.all([rxnpm(args), npm(args)]);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toBe('');
    expect({ code: ours.code, error: JSON.parse(ours.stdout) }).toEqual({ code: theirs.code, error: JSON.parse(theirs.stdout) });
  });

  it('at the default level still prints the one error line', async () => {
    const ours = await rxnpm(['view', 'no-such-pkg']);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toMatch(/^rxnpm view no-such-pkg: .*\(E404\)\n$/);
  });
});
