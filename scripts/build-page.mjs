#!/usr/bin/env node
// Builds pkg/page.js: www/app.js and every module it imports (the wasm glue
// included) in one script, which www/index.html loads. The modules in www/
// stay the source; this only saves the page's first load a wave of requests
// (a browser opens six connections to a server over HTTP/1.1, and the first
// analysis needed eleven files: the second wave of six cost it tens of ms).
//
//   node scripts/build-page.mjs        # bash scripts/build-wasm.sh runs it
//
// The bundler is esbuild, pinned in package.json. The bundle sits in pkg/,
// next to the glue, so the glue's `new URL('qawl_bg.wasm', import.meta.url)`
// still names pkg/qawl_bg.wasm; the page's own modules name their files
// relative to the page (document.baseURI), which does not move when they are
// bundled. scripts/serve.mjs rebuilds the bundle when a source is newer, so
// editing www/ and reloading just works.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * Options shared by the page's builds (here and scripts/build-single.mjs).
 * Syntax and whitespace are minified (a smaller script to download and
 * compile before the first analysis); names are kept, so a stack trace
 * from the page still reads.
 */
export const PAGE_OPTIONS = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'silent',
};

// V8 reads `allFunctionsCalledOnLoad` only as a script's first line: it
// compiles the whole bundle while it downloads, off the main thread, rather
// than each function on its first call in the middle of the first analysis.
// Other engines read it as a comment.
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The files pkg/page.js is made of: www/*.js and the glue. */
function sources(root) {
  const www = join(root, 'www');
  return [...readdirSync(www).filter((f) => f.endsWith('.js')).map((f) => join(www, f)), join(root, 'pkg/qawl.js')];
}

/** Writes `root`/pkg/page.js; returns its path. Throws with esbuild's messages on an error. */
export function buildPage(root = REPO) {
  const out = join(root, 'pkg/page.js');
  try {
    buildSync({
      ...PAGE_OPTIONS,
      absWorkingDir: root,
      entryPoints: [join(root, 'www/app.js')],
      outfile: out,
      banner: { js: `${COMPILE_HINT}\n// Built by scripts/build-page.mjs from www/app.js and its imports; edit those, not this.` },
    });
  } catch (err) {
    const first = err.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    throw new Error(first ? `${where}${first.text}` : err.message);
  }
  return out;
}

/** Rebuilds `root`/pkg/page.js when it is missing or older than one of its sources. */
export function ensurePage(root = REPO) {
  const out = join(root, 'pkg/page.js');
  const built = statSync(out, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (sources(root).some((f) => (statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0) > built)) buildPage(root);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const out = buildPage();
    console.log(`${relative(process.cwd(), out)}: ${statSync(out).size} bytes`);
  } catch (err) {
    console.error(`build-page: ${err.message}`);
    process.exit(1);
  }
}
