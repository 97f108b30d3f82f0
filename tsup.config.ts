import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

const CLI_OUTPUTS = ['cli.js', 'cli.js.map'];
/** Packages bundled into the command line besides rxjs (whose build is picked below): those rxjs code needs. */
const BUNDLED = ['backoff-rxjs', 'tslib'];

/**
 * The classes the library takes from undici, each from the file that defines
 * it (undici has no `exports` map, so its files can be required). undici's
 * index also loads fetch, WebSocket, the mock agent and the cache (and Node's
 * own copy of undici): two thirds of its loading time, which a `view` waits
 * for. A name the library imports and this list lacks fails the build; the
 * one thing the index does besides exporting is repeated in undiciParts.
 */
const UNDICI_FILES = {
  Agent: 'lib/dispatcher/agent.js',
  Client: 'lib/dispatcher/client.js',
  Dispatcher: 'lib/dispatcher/dispatcher.js',
  EnvHttpProxyAgent: 'lib/dispatcher/env-http-proxy-agent.js',
  Pool: 'lib/dispatcher/pool.js',
  buildConnector: 'lib/core/connect.js',
};
const UNDICI_PARTS = 'undici-parts';

function undiciParts(): string {
  const names = Object.keys(UNDICI_FILES);
  const imports = Object.entries(UNDICI_FILES).map(([name, file]) => `import ${name} from 'undici/${file}';`);
  // As undici's index does: a dispatcher's request(), stream() and the rest are assigned to Dispatcher's prototype.
  const api = `import api from 'undici/lib/api/index.js';\nObject.assign(Dispatcher.prototype, api);`;
  return `${imports.join('\n')}\n${api}\nexport { ${names.join(', ')} };\n`;
}

/**
 * What the command line loads from node_modules. rxjs is bundled from its ES
 * module build, where only the operators used are kept: its CommonJS index
 * loads every operator, a tenth of a second on each start. backoff-rxjs is
 * bundled with it, so that the retry and the rest share one rxjs. Every other
 * package stays external (undici as the parts above) and is marked free of
 * side effects, so an import that no code uses is dropped instead of loaded.
 */
function cliDependencies(): Plugin {
  return {
    name: 'cli-dependencies',
    setup(build) {
      const rxjs = dirname(createRequire(import.meta.url).resolve('rxjs/package.json'));
      build.onResolve({ filter: /^rxjs(\/|$)/ }, ({ path }) => ({ path: join(rxjs, 'dist', 'esm', path.slice('rxjs'.length), 'index.js') }));
      build.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici', namespace: UNDICI_PARTS }));
      build.onLoad({ filter: /.*/, namespace: UNDICI_PARTS }, () => ({ contents: undiciParts(), loader: 'js', resolveDir: process.cwd() }));
      build.onResolve({ filter: /^[^./]/ }, ({ path }) => (BUNDLED.includes(path) ? undefined : { path, external: true, sideEffects: false }));
    },
  };
}

const common: Options = {
  target: 'node20',
  sourcemap: true,
  shims: true,
};

export default defineConfig([
  {
    ...common,
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      demo: 'src/demo/main.ts',
      'live-demo': 'src/demo/live-demo.ts',
    },
    format: ['cjs', 'esm'],
    dts: {
      entry: {
        index: 'src/index.ts',
        testing: 'src/testing/index.ts',
      },
    },
    // The command line's own build writes its files at the same time.
    clean: CLI_OUTPUTS.map((file) => `!${file}`),
    external: ['verdaccio'],
    splitting: true,
  },
  {
    ...common,
    // One CommonJS file (the bin; no ES module copy): esbuild then runs a module reached only
    // through `import()` when it is imported, not at start.
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    splitting: false,
    // Every import is resolved by cliDependencies.
    noExternal: [/./],
    esbuildPlugins: [cliDependencies()],
  },
]);
