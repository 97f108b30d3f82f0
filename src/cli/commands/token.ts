import type { Command } from 'commander';
import { concatMap, defer, from, map, mergeMap, toArray, type Observable } from 'rxjs';
import type { TokenInfo } from '../../index';
import type { CliContext } from '../context';
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

function list({ textStyles }: Kit, ctx: CliContext): Observable<void> {
  return ctx.client.tokens.list().pipe(
    toArray(),
    map((tokens) => {
      const listed = withTokenIds(tokens);
      if (ctx.json) return ctx.printJson(listed);
      const { blue, cyan, green } = textStyles(ctx.color);
      for (const token of listed) {
        ctx.print(`${blue('Token')} ${token.token}… with id ${cyan(token.id)} name ${token.name} created ${String(token.created).slice(0, 10)}`);
        if (token.cidr_whitelist) ctx.print(`with IP whitelist: ${green(token.cidr_whitelist.join(','))}`);
        ctx.print('');
      }
    }),
  );
}

interface CreateOptions {
  password?: string;
  readOnly?: boolean;
  cidr?: string[];
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

/** npm's checks of `--cidr`: a comma-separated list of IPv4 ranges. */
function cidrList({ CliError }: Kit, given: readonly string[] = []): string[] {
  const list = given.flatMap((entry) => entry.split(/,\s*/)).filter(Boolean);
  for (const cidr of list) {
    if (cidr.includes(':')) throw new CliError('EUSAGE', `CIDR whitelist can only contain IPv4 addresses, ${cidr} is IPv6`);
    if (!IPV4_CIDR.test(cidr)) throw new CliError('EUSAGE', `CIDR whitelist contains invalid CIDR entry: ${cidr}`);
  }
  return list;
}

function create(kit: Kit, ctx: CliContext, options: CreateOptions): Observable<void> {
  return defer(() => {
    const cidr = cidrList(kit, options.cidr);
    return answers(kit, ctx, [{ flag: '--password', given: options.password, prompt: 'Password: ', hidden: true }]).pipe(
      mergeMap(([password]) => ctx.client.tokens.create({ password, readonly: options.readOnly === true, cidr })),
      map(({ key: _key, updated: _updated, ...created }) => {
        if (ctx.json) return ctx.printJson(created);
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
    .description('create a token (asks for your password)')
    .option('--password <password>', 'your password (asked on a terminal when missing)')
    .option('--read-only', 'a token that can only read')
    .option('--cidr <ranges...>', 'IPv4 ranges the token may be used from')
    .action((options: CreateOptions, command: Command) => select('token create', command, lazyRun((kit, ctx) => create(kit, ctx, options))));
  token
    .command('revoke')
    .aliases(['rm', 'delete', 'remove'])
    .description('revoke tokens by id (as `token list` shows them) or by value')
    .argument('<id...>', 'token ids or tokens')
    .action((ids: string[], _options: unknown, command: Command) => select(`token revoke ${ids.join(' ')}`, command, lazyRun((kit, ctx) => revoke(kit, ctx, ids))));
}
