#!/usr/bin/env node
// Builds dist/qawl.html: the whole page in one self-contained file (styles,
// scripts, samples and the wasm as base64 inlined) that works when opened
// from file:// with no server and no network.
//
//   node scripts/build-single.mjs [--out dist/qawl.html]
//
// Needs pkg/ (bash scripts/build-wasm.sh). The page's modules are bundled by
// esbuild as for pkg/page.js (build-page.mjs), with one module swapped:
// www/platform.js becomes a platform with the wasm and the samples inlined.
// Analysis runs in a worker started from a Blob URL (its own bundle,
// inlined), or on the page's thread when the browser refuses that worker.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PAGE_OPTIONS } from './build-page.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WWW = join(ROOT, 'www');
const PKG = join(ROOT, 'pkg');

function fail(msg) {
  console.error(`build-single: ${msg}`);
  process.exit(1);
}

const outArg = process.argv.indexOf('--out');
const OUT = resolve(outArg > 0 ? process.argv[outArg + 1] : join(ROOT, 'dist/qawl.html'));

for (const f of ['qawl.js', 'qawl_bg.wasm', 'qawl-en.bin']) {
  if (!existsSync(join(PKG, f))) fail(`pkg/${f} is missing: run \`bash scripts/build-wasm.sh\` first`);
}

const wasmB64 = readFileSync(join(PKG, 'qawl_bg.wasm')).toString('base64');
// The English tagger's model, which the served page fetches only for English:
// here there is nothing to fetch it from, so it is inlined too.
const englishB64 = readFileSync(join(PKG, 'qawl-en.bin')).toString('base64');
const sampleIndex = JSON.parse(readFileSync(join(WWW, 'samples/index.json'), 'utf8'));
const samples = sampleIndex.map((s) => ({ ...s, text: readFileSync(join(WWW, 'samples', s.name), 'utf8') }));

/** esbuild's output for `options`, as a string; exits with its first error. */
async function bundle(options) {
  try {
    return (await build({ ...PAGE_OPTIONS, absWorkingDir: ROOT, write: false, ...options })).outputFiles[0].text;
  } catch (err) {
    const e = err.errors?.[0];
    fail(e ? `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}` : err.message);
  }
}

/** An esbuild plugin that answers the import `spec` made from `importer` with `contents`. */
function replaceModule(importer, spec, contents, name) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }, (args) =>
        args.importer === importer ? { path: name, namespace: 'qawl-single' } : undefined,
      );
      build.onLoad({ filter: new RegExp(`^${name}$`), namespace: 'qawl-single' }, () => ({
        contents,
        resolveDir: dirname(importer),
        loader: 'js',
      }));
    },
  };
}

// The worker: worker.js and its imports as one classic script. The page
// hands it the compiled module with its first request, as the served page
// does (analyzer.js); this file has no URL to fetch the wasm from.
const workerSource = await bundle({ entryPoints: [join(WWW, 'worker.js')], format: 'iife' });

// The platform of the single file: everything inlined.
const singlePlatform = `
import { createAnalyzer } from './analyzer.js';
import { englishModelLoader } from './english-model.js';
import * as qawl from '../pkg/qawl.js';
const WASM_B64 = ${JSON.stringify(wasmB64)};
const ENGLISH_B64 = ${JSON.stringify(englishB64)};
const WORKER_SOURCE = ${JSON.stringify(workerSource)};
const SAMPLES = ${JSON.stringify(samples)};
function decode(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
export function createPlatformAnalyzer() {
  let bytes = null;
  const wasmBytes = () => (bytes ??= decode(WASM_B64));
  // Decoded once, when first wanted: posting it to the worker copies it,
  // and loadEnglishModel copies it into the wasm.
  let english = null;
  const englishBytes = () => (english ??= decode(ENGLISH_B64));
  return createAnalyzer({
    makeWorker: () => new Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' })), { name: 'qawl' }),
    loadInThread: async (module) => {
      qawl.initSync({ module: module || wasmBytes() });
      return qawl;
    },
    wasm: Promise.resolve().then(() => WebAssembly.compile(wasmBytes())).catch(() => null),
    firstInThread: true,
    englishModel: englishModelLoader(englishBytes),
    englishModelBytes: englishBytes,
  });
}
export async function sampleIndex() {
  return SAMPLES.map(({ name, title, compare }) => ({ name, title, compare }));
}
export function firstSampleName() {
  return SAMPLES[0]?.name ?? null;
}
export async function sampleText(name) {
  const s = SAMPLES.find((x) => x.name === name);
  if (!s) throw new Error('no sample named ' + name);
  return s.text;
}
export function enableOffline() {}
`;

const appSource = await bundle({
  entryPoints: [join(WWW, 'app.js')],
  plugins: [replaceModule(join(WWW, 'app.js'), './platform.js', singlePlatform, 'single-platform')],
});
// Nothing in the inlined script may end the <script> element early.
const scriptSafe = (s) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const css = readFileSync(join(WWW, 'style.css'), 'utf8');
const icon = `data:image/svg+xml;base64,${readFileSync(join(WWW, 'icon.svg')).toString('base64')}`;
let html = readFileSync(join(WWW, 'index.html'), 'utf8');
const replaceOnce = (from, to) => {
  if (!html.includes(from)) fail(`www/index.html no longer contains ${from}; update scripts/build-single.mjs`);
  html = html.replace(from, () => to);
};
replaceOnce('<link rel="manifest" href="manifest.webmanifest">\n', '');
// Preload hints and the boot script name files the single file inlines.
html = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>\n/g, '');
const bootScript = /<script src="boot\.js"[^>]*><\/script>\n/;
if (!bootScript.test(html)) fail('www/index.html no longer loads boot.js; update scripts/build-single.mjs');
html = html.replace(bootScript, '');
replaceOnce('<link rel="icon" href="icon.svg" type="image/svg+xml">', `<link rel="icon" href="${icon}" type="image/svg+xml">`);
replaceOnce('<link rel="stylesheet" href="style.css">', `<style>\n${css.replace(/<\/style/gi, '<\\/style')}</style>`);
replaceOnce(
  '<script type="module" src="../pkg/page.js"></script>',
  `<script type="module">\n${scriptSafe(appSource)}</script>`,
);
replaceOnce('It works offline after the first visit.', 'This single file works offline.');

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
console.log(`${relative(process.cwd(), OUT)}: ${html.length} bytes (wasm ${Math.round((wasmB64.length * 3) / 4 / 1024)} KB and English model ${Math.round((englishB64.length * 3) / 4 / 1024)} KB inlined)`);
