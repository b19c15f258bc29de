import { defineConfig, type Plugin } from 'vite';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { bootWithIds, bootWithPages, pageImports, pagePreloads, type ChunkInfo } from './bootPages.ts';
import { contractModuleSource } from './contractData.ts';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './i18n/types.ts';

/**
 * Writes a .br and a .gz beside every text asset of the build, once, at the highest settings: the server
 * sends them as they are (@fastify/static preCompressed) instead of compressing on every request.
 */
function precompress(): Plugin {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  // the directory written to (--outDir included: an A/B build into another directory was left uncompressed)
  let outDir = '';
  return {
    name: 'callfloor-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

/**
 * /boot.js (src/web/bootEarly.js, issue 16): in the build, with the chunks of each menu path's page filled in
 * (src/web/bootPages.ts), so it preloads the page's code before the entry has run; in both, with the early
 * snapshot's id of src/web/boot.ts filled in (bootWithIds).
 */
function bootScript(): Plugin {
  const web = fileURLToPath(new URL('.', import.meta.url));
  const template = () => bootWithIds(readFileSync(join(web, 'bootEarly.js'), 'utf8'));
  return {
    name: 'callfloor-boot',
    configureServer(server) {
      server.middlewares.use('/boot.js', (_req, res) => {
        res.setHeader('content-type', 'text/javascript');
        res.end(template());
      });
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is ChunkInfo & typeof c => c.type === 'chunk');
      const moduleOf = (spec: string) => ['.tsx', '.ts'].map((ext) => join(web, spec) + ext);
      const built = pagePreloads(pageImports(readFileSync(join(web, 'nav.ts'), 'utf8')), chunks, moduleOf);
      if (built.missing.length) this.warn(`boot.js: no chunk found for the pages of ${built.missing.join(', ')}`);
      this.emitFile({ type: 'asset', fileName: 'boot.js', source: bootWithPages(template(), built) });
    },
  };
}

/**
 * The contract without zod in the built web app (issue 16, src/web/contractData.ts): each src/contract module is
 * evaluated here, at build time, and the browser gets its exports as data (schemas left out) and the zod-free
 * helpers of paths.ts. The dev server keeps the real modules.
 */
function contractData(): Plugin {
  const dir = fileURLToPath(new URL('../contract/', import.meta.url));
  const helpers = join(dir, 'paths.ts');
  let helperNames: string[] | undefined;
  return {
    name: 'callfloor-contract-data',
    apply: 'build',
    async load(id) {
      const file = id.split('?')[0]!;
      if (!file.startsWith(dir) || !file.endsWith('.ts') || file.endsWith('.test.ts') || file === helpers) return null;
      helperNames ??= Object.keys(await tsImport(pathToFileURL(helpers).href, import.meta.url));
      const mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
      return contractModuleSource(file.slice(dir.length), mod, { specifier: helpers, names: helperNames });
    },
  };
}

/**
 * The locales' messages as data in the built web app (issue 16, src/web/i18n/bundles.ts): each locale merged here, at
 * build time (src/web/i18n/all.ts); the default locale (also the fallback) in the entry, each other one a chunk of its
 * own, fetched when chosen: the entry no longer carries every capability's words three times. Each as JSON.parse of a
 * string, which the browser reads faster than the same object written as code. The dev server keeps the sources.
 */
function localeMessages(): Plugin {
  const dir = fileURLToPath(new URL('./i18n/', import.meta.url));
  const bundles = join(dir, 'bundles.ts');
  const VIRTUAL = 'virtual:cf-messages/';
  type Sources = { messagesOf: (l: Locale) => unknown };
  let sources: Promise<Sources> | undefined;
  const data = async (l: Locale) => {
    sources ??= tsImport(pathToFileURL(join(dir, 'all.ts')).href, import.meta.url) as Promise<Sources>;
    return `JSON.parse(${JSON.stringify(JSON.stringify((await sources).messagesOf(l)))})`;
  };
  return {
    name: 'callfloor-locale-messages',
    apply: 'build',
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? `\0${id}` : null;
    },
    async load(id) {
      if (id.startsWith(`\0${VIRTUAL}`)) return `export default ${await data(id.slice(VIRTUAL.length + 1) as Locale)};`;
      if (id.split('?')[0] !== bundles) return null;
      const later = LOCALES.filter((l) => l !== DEFAULT_LOCALE).map((l) => `${JSON.stringify(l)}: () => import(${JSON.stringify(VIRTUAL + l)})`);
      return [
        `const start = ${await data(DEFAULT_LOCALE)};`,
        `const later = { ${later.join(', ')} };`,
        `export const startMessages = (l) => (l === ${JSON.stringify(DEFAULT_LOCALE)} ? start : undefined);`,
        `export const loadMessages = (l) => (l === ${JSON.stringify(DEFAULT_LOCALE)} ? Promise.resolve(start) : later[l]().then((m) => m.default));`,
      ].join('\n');
    },
  };
}

const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [contractData(), localeMessages(), react(), bootScript(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } } },
});
