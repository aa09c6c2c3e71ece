#!/usr/bin/env node
// Builds pkg/page.js: www/app.js and every module it imports (the wasm glue
// included) in one script, which www/index.html loads. The modules in www/
// stay the source; this only saves the page's first load a wave of requests
// (a browser opens six connections to a server over HTTP/1.1, and the first
// analysis needed eleven files: the second wave of six cost it tens of ms).
//
//   node scripts/build-page.mjs        # bash scripts/build-wasm.sh runs it
//
// In the bundle, a www/ module's import.meta.url is its URL next to the page
// (document.baseURI: the bundle is only ever loaded by www/index.html), a
// pkg/ module's is its URL next to the bundle. scripts/serve.mjs rebuilds the
// bundle when a source is newer, so editing www/ and reloading just works.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The files pkg/page.js is made of: www/*.js and the glue. */
function sources(root) {
  const www = join(root, 'www');
  return [...readdirSync(www).filter((f) => f.endsWith('.js')).map((f) => join(www, f)), join(root, 'pkg/qawl.js')];
}

/** Writes `root`/pkg/page.js; returns its path. */
export function buildPage(root = REPO) {
  const www = join(root, 'www');
  const pkg = join(root, 'pkg');
  if (!existsSync(join(pkg, 'qawl.js'))) throw new Error('pkg/qawl.js is missing: run `bash scripts/build-wasm.sh` first');
  const metaUrl = (file) => {
    for (const [dir, base] of [[www, 'document.baseURI'], [pkg, 'import.meta.url']]) {
      if (file.startsWith(dir + sep)) return `new URL(${JSON.stringify(relative(dir, file).split(sep).join('/'))}, ${base}).href`;
    }
    throw new Error(`${file} is neither in www/ nor in pkg/`);
  };
  const body = bundle(join(www, 'app.js'), {}, {}, metaUrl);
  // V8 reads `allFunctionsCalledOnLoad` only as a script's first line: it
  // compiles the whole bundle while it downloads, off the main thread, rather
  // than each function on its first call in the middle of the first analysis.
  // Other engines read it as a comment.
  const out = join(pkg, 'page.js');
  writeFileSync(
    out,
    '//# allFunctionsCalledOnLoad\n' +
      '// Built by scripts/build-page.mjs from www/app.js and its imports; edit those, not this.\n' +
      body,
  );
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
