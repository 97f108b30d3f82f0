import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { commandOptions } from '../../../src/cli/argv/command-options';
import { parseCommandLine, typedCommandLine } from '../../../src/cli/argv/parse-command-line';
import { quoteArg } from '../../../src/cli/argv/quote-arg';
import { loadNpmConfig, type NpmConfig } from '../../../src/cli/config/load-npm-config';
import { createProgram, type Invocation } from '../../../src/cli/program';

/** How a command line is read: every flag by npm's parser, the command and its words by commander. */

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rxnpm-argv-'));
});

afterAll(() => rm(folder, { recursive: true, force: true }));

async function read(argv: string[]): Promise<{ config: NpmConfig; program: Command; chosen: () => Invocation | undefined }> {
  let chosen: Invocation | undefined;
  const program = createProgram((invocation) => (chosen = invocation));
  const env = { HOME: folder, npm_config_userconfig: join(folder, 'npmrc'), npm_config_globalconfig: join(folder, 'global-npmrc') };
  const config = await loadNpmConfig(argv, { env, cwd: folder, execPath: process.execPath, platform: process.platform }, commandOptions(program));
  return { config, program, chosen: () => chosen };
}

const viewOf = (program: Command): Command | undefined => program.commands.find((command) => command.name() === 'view');

describe('npm parses the flags', () => {
  it("with npm's shorthands, --no-x, --x=false and npm's types, wherever they stand", async () => {
    const { config } = await read(['-s', 'view', 'pkg', '--fetch-retries=0', '--no-strict-ssl', '--json=false', '--userconfig', 'f', 'version']);
    expect(config.get('loglevel')).toBe('silent');
    expect(config.get('fetch-retries')).toBe(0);
    expect(config.get('strict-ssl')).toBe(false);
    expect(config.get('json')).toBe(false);
    // npm's parser resolves paths against the process's folder, as it does for npm.
    expect(config.get('userconfig')).toBe(resolve('f'));
    expect(config.parsedArgv.remain).toEqual(['view', 'pkg', 'version']);
  });

  it('-d, -dd and --silent are log levels', async () => {
    expect((await read(['-d'])).config.get('loglevel')).toBe('info');
    expect((await read(['-dd'])).config.get('loglevel')).toBe('verbose');
    expect((await read(['--silent'])).config.get('loglevel')).toBe('silent');
  });
});

describe("the commands' own options", () => {
  it('are told to npm with their types and short forms', () => {
    const options = commandOptions(createProgram(() => undefined));
    expect(options).toEqual(
      expect.arrayContaining([
        { key: 'watch', takesValue: false, commands: ['view'] },
        { key: 'interval', takesValue: true, commands: ['view'] },
        { key: 'output', short: 'o', takesValue: true, commands: ['fetch'] },
      ]),
    );
  });

  it('reach the command that declares them, through its own parser', async () => {
    const { config, program, chosen } = await read(['view', 'pkg', '--watch', '--interval', '250']);
    expect(parseCommandLine(program, config, commandOptions(program))).toBeUndefined();
    expect(chosen()?.what).toBe('view pkg');
    expect(viewOf(program)?.opts()).toEqual({ watch: true, interval: '250' });
  });

  it("are npm's keys where npm defines them, taken by every command (view --tag)", async () => {
    const { config, program, chosen } = await read(['view', 'pkg', '--tag', 'beta', '-f']);
    expect(parseCommandLine(program, config, commandOptions(program))).toBeUndefined();
    expect(chosen()?.what).toBe('view pkg');
  });

  it('are refused by the other commands', async () => {
    const { config, program } = await read(['ping', '--watch']);
    expect(() => parseCommandLine(program, config, commandOptions(program))).toThrow(expect.objectContaining({ code: 'EUSAGE', message: "unknown option '--watch'" }));
  });
});

describe('parseCommandLine', () => {
  it('refuses a flag npm does not define, as EUSAGE', async () => {
    const { config, program } = await read(['view', 'pkg', '--no-such-flag=1']);
    expect(() => parseCommandLine(program, config, commandOptions(program))).toThrow(expect.objectContaining({ code: 'EUSAGE', message: "unknown option '--no-such-flag'" }));
  });

  it('takes per-registry keys on the command line, as npm does', async () => {
    const { config, program, chosen } = await read(['ping', '--//127.0.0.1:1/:_authToken=abc']);
    expect(parseCommandLine(program, config, commandOptions(program))).toBeUndefined();
    expect(chosen()?.what).toBe('ping');
  });

  it('throws commander usage errors as EUSAGE, and returns the exit code of --help', async () => {
    const unknown = await read(['frobnicate']);
    expect(() => parseCommandLine(unknown.program, unknown.config, [])).toThrow(expect.objectContaining({ code: 'EUSAGE', message: "unknown command 'frobnicate'" }));
    const help = await read(['view', '-h']);
    help.program.configureOutput({ writeOut: () => undefined });
    expect(parseCommandLine(help.program, help.config, [])).toBe(0);
  });

  it('keeps the words after -- as words', async () => {
    const { config, program, chosen } = await read(['view', '--', '-x']);
    expect(parseCommandLine(program, config, commandOptions(program))).toBeUndefined();
    expect(chosen()?.what).toBe('view -x');
  });
});

describe('the command line as typed', () => {
  it('quotes what a shell would need quoted', async () => {
    expect(typedCommandLine((await read(['view', 'a b', '-s'])).config)).toBe('view "a b"');
    expect(['pkg@^1.2', '@scope/pkg', 'a b', '', "it's"].map(quoteArg)).toEqual(['pkg@^1.2', '@scope/pkg', '"a b"', '""', '"it\'s"']);
  });
});
