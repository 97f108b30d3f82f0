import type { Command } from 'commander';
import { concatMap, defer, from, map, mergeMap, toArray, type Observable } from 'rxjs';
import type { TokenCreateOptions, TokenInfo, TokenPermission } from '../../index';
import type { CliContext } from '../context';
import { parseable } from '../output/parseable';
import { answers } from './login';
import { lazyRun, type Kit } from './lazy-run';
import type { Select } from './types';

/** A token with the short id `token list` shows and `token revoke` takes. */
type ListedToken = TokenInfo & { readonly id: string };

/** As npm: each token's id is the shortest start of its key (6 characters at least) that no other key shares. */
export function withTokenIds(tokens: readonly TokenInfo[], minLength = 6): ListedToken[] {
  return tokens.map((token) => {
    for (let length = minLength; length < token.key.length; length++) {
      const id = token.key.slice(0, length);
      if (!tokens.some((other) => other !== token && other.key.startsWith(id))) return { ...token, id };
    }
    return { ...token, id: token.key };
  });
}

/** `token list --parseable`, as npm prints it: a header, then one tab-separated line per token. */
function parseableTokenLines(tokens: readonly ListedToken[]): string[] {
  const header = ['key', 'token', 'id', 'name', 'created', 'readonly', 'CIDR whitelist'];
  return [header, ...tokens.map((t) => [t.key, t.token, t.id, t.name, t.created, t.readonly ? 'true' : 'false', t.cidr_whitelist ? t.cidr_whitelist.join(',') : ''])].map((fields) => fields.map((field) => field ?? '').join('\t'));
}

function list({ textStyles }: Kit, ctx: CliContext): Observable<void> {
  return ctx.client.tokens.list().pipe(
    toArray(),
    map((tokens) => {
      const listed = withTokenIds(tokens);
      if (ctx.json) return ctx.printJson(listed);
      if (parseable(ctx)) return parseableTokenLines(listed).forEach((line) => ctx.print(line));
      const { blue, cyan, green, magenta } = textStyles(ctx.color);
      for (const token of listed) {
        ctx.print(`${blue('Token')} ${token.token}… with id ${cyan(token.id)} name ${magenta(token.name)} created ${String(token.created).slice(0, 10)}`);
        if (token.cidr_whitelist) ctx.print(`with IP whitelist: ${green(token.cidr_whitelist.join(','))}`);
        ctx.print('');
      }
    }),
  );
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

/** npm's checks of `--cidr` (EINVALIDCIDR): IPv4 ranges, one comma-separated flag or several flags. */
function cidrList({ CliError }: Kit, given: unknown): string[] {
  const entries = [given].flat().filter((entry): entry is string => typeof entry === 'string' && entry !== '');
  const list = entries.length === 1 ? entries[0].split(/,\s*/) : entries;
  for (const cidr of list) {
    if (cidr.includes(':')) throw new CliError('EINVALIDCIDR', `CIDR whitelist can only contain IPv4 addresses, ${cidr} is IPv6`);
    if (!IPV4_CIDR.test(cidr)) throw new CliError('EINVALIDCIDR', `CIDR whitelist contains invalid CIDR entry: ${cidr}`);
  }
  return list;
}

/** A list setting of npm's (`--packages a --packages b`, or one value), as strings. */
function listSetting(ctx: CliContext, key: string): string[] {
  return [ctx.config.get(key)].flat().filter((entry): entry is string => typeof entry === 'string' && entry !== '');
}

function textSetting(ctx: CliContext, key: string): string | undefined {
  const value = ctx.config.get(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isPermission(value: string | undefined): value is TokenPermission {
  return value === 'read-only' || value === 'read-write' || value === 'no-access';
}

/** What npm 11's `token create` sends, from npm's settings (`--name`, `--packages`, `--expires`, …). */
function createOptions(ctx: CliContext, password: string, cidr: readonly string[]): TokenCreateOptions {
  const packagesPermission = textSetting(ctx, 'packages-and-scopes-permission');
  const orgsPermission = textSetting(ctx, 'orgs-permission');
  const expires = ctx.config.get('expires');
  return {
    name: textSetting(ctx, 'name') ?? null,
    password,
    description: textSetting(ctx, 'token-description'),
    packages: listSetting(ctx, 'packages'),
    packagesAll: ctx.config.get('packages-all') === true,
    scopes: listSetting(ctx, 'scopes'),
    orgs: listSetting(ctx, 'orgs'),
    ...(isPermission(packagesPermission) ? { packagesAndScopesPermission: packagesPermission } : {}),
    ...(isPermission(orgsPermission) ? { orgsPermission } : {}),
    ...(typeof expires === 'number' && Number.isFinite(expires) ? { expires: Math.trunc(expires) } : {}),
    ...(cidr.length > 0 ? { cidr } : {}),
    bypass2fa: ctx.config.get('bypass-2fa') === true,
  };
}

function create(kit: Kit, ctx: CliContext): Observable<void> {
  return defer(() => {
    const cidr = cidrList(kit, ctx.config.get('cidr'));
    return answers(kit, ctx, [{ flag: '--password', given: textSetting(ctx, 'password'), prompt: 'Password: ', hidden: true }]).pipe(
      mergeMap(([password]) => ctx.client.tokens.create(createOptions(ctx, password, cidr))),
      map(({ key: _key, updated: _updated, ...created }) => {
        if (ctx.json) return ctx.printJson(created);
        if (parseable(ctx)) return Object.entries(created).forEach(([key, value]) => ctx.print(`${key}\t${String(value)}`));
        ctx.print(`Created token ${created.token}`);
        if (created.cidr_whitelist?.length) ctx.print(`with IP whitelist: ${kit.textStyles(ctx.color).green(created.cidr_whitelist.join(','))}`);
        if (created.expires) ctx.print(`expires: ${created.expires}`);
      }),
    );
  });
}

/** As npm: an id is the start of one token's key, or else the start of a token value the registry knows. */
function keysToRevoke({ CliError }: Kit, tokens: readonly TokenInfo[], ids: readonly string[]): string[] {
  return ids.map((id) => {
    const matches = tokens.filter((token) => token.key.startsWith(id));
    if (matches.length === 1) return matches[0].key;
    if (matches.length > 1) throw new CliError('EUSAGE', `Token ID "${id}" was ambiguous, a new token may have been created since you last ran \`rxnpm token list\`.`);
    if (!tokens.some((token) => id.startsWith(token.token))) throw new CliError('EUSAGE', `Unknown token id or value "${id}".`);
    return id;
  });
}

function revoke(kit: Kit, ctx: CliContext, ids: readonly string[]): Observable<void> {
  return ctx.client.tokens.list().pipe(
    toArray(),
    map((tokens) => keysToRevoke(kit, tokens, ids)),
    mergeMap((keys) =>
      from(keys).pipe(
        concatMap((key) => ctx.client.tokens.revoke(key)),
        toArray(),
        map(() => {
          if (ctx.json) ctx.printJson(keys);
          else if (parseable(ctx)) ctx.print(keys.join('\t'));
          else ctx.print(`Removed ${keys.length} token${keys.length === 1 ? '' : 's'}`);
        }),
      ),
    ),
  );
}

/** `token list|create|revoke`, npm's subcommands and aliases. */
export function defineToken(program: Command, select: Select): void {
  const token = program.command('token').description('manage your authentication tokens');
  token
    .command('list', { isDefault: true })
    .alias('ls')
    .description('list your tokens')
    .action((_options: unknown, command: Command) => select('token list', command, lazyRun((kit, ctx) => list(kit, ctx))));
  token
    .command('create')
    .description('create a token (asks for your password); npm\'s --name, --token-description, --expires, --packages, --packages-all, --scopes, --orgs, --packages-and-scopes-permission, --orgs-permission, --cidr, --bypass-2fa and --password settings')
    .action((_options: unknown, command: Command) => select('token create', command, lazyRun((kit, ctx) => create(kit, ctx))));
  token
    .command('revoke')
    .aliases(['rm', 'delete', 'remove'])
    .description('revoke tokens by id (as `token list` shows them) or by value')
    .argument('<id...>', 'token ids or tokens')
    .action((ids: string[], _options: unknown, command: Command) => select(`token revoke ${ids.join(' ')}`, command, lazyRun((kit, ctx) => revoke(kit, ctx, ids))));
}
