#!/usr/bin/env node
// Builds dist/qawl.html: the whole page in one self-contained file (styles,
// scripts, samples and the wasm as base64 inlined) that works when opened
// from file:// with no server and no network.
//
//   node scripts/build-single.mjs [--out dist/qawl.html]
//
// Needs pkg/ (bash scripts/build-wasm.sh). No dependencies: the page's ES
// modules are joined by the small bundler in bundle.mjs. In the single file,
// analysis runs in a worker started from a Blob URL, or on the page's thread
// when the browser refuses that worker.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { bundle, moduleVar } from './bundle.mjs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WWW = join(ROOT, 'www');
const PKG = join(ROOT, 'pkg');

function fail(msg) {
  console.error(`build-single: ${msg}`);
  process.exit(1);
}

// ------------------------------------------------------------ the page

const outArg = process.argv.indexOf('--out');
const OUT = resolve(outArg > 0 ? process.argv[outArg + 1] : join(ROOT, 'dist/qawl.html'));

for (const f of ['qawl.js', 'qawl_bg.wasm']) {
  if (!existsSync(join(PKG, f))) fail(`pkg/${f} is missing: run \`bash scripts/build-wasm.sh\` first`);
}

const wasmB64 = readFileSync(join(PKG, 'qawl_bg.wasm')).toString('base64');
const sampleIndex = JSON.parse(readFileSync(join(WWW, 'samples/index.json'), 'utf8'));
const samples = sampleIndex.map((s) => ({ ...s, text: readFileSync(join(WWW, 'samples', s.name), 'utf8') }));
const glue = join(PKG, 'qawl.js');

const decodeWasm = `(b64) => { const bin = atob(b64); const bytes = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i); return bytes; }`;

// The worker: worker.js and the glue, with init() fed the inlined bytes.
const workerSource = bundle(join(WWW, 'worker.js'), {}, {
  [glue]: `${moduleVar(glue)}.default = async () => ${moduleVar(glue)}.initSync({ module: (${decodeWasm})(self.__QAWL_WASM_B64) });\n`,
});

const singlePlatform = `
import { createAnalyzer } from './analyzer.js';
import * as qawl from '../pkg/qawl.js';
const WASM_B64 = ${JSON.stringify(wasmB64)};
const WORKER_SOURCE = ${JSON.stringify(workerSource)};
const SAMPLES = ${JSON.stringify(samples)};
const decode = ${decodeWasm};
export function createPlatformAnalyzer() {
  return createAnalyzer({
    makeWorker: () => {
      const blob = new Blob(['self.__QAWL_WASM_B64 = ', JSON.stringify(WASM_B64), ';\\n', WORKER_SOURCE], { type: 'text/javascript' });
      return new Worker(URL.createObjectURL(blob), { name: 'qawl' });
    },
    loadInThread: async () => {
      qawl.initSync({ module: decode(WASM_B64) });
      return qawl;
    },
  });
}
export async function sampleIndex() {
  return SAMPLES.map(({ name, title }) => ({ name, title }));
}
export async function sampleText(name) {
  const s = SAMPLES.find((x) => x.name === name);
  if (!s) throw new Error('no sample named ' + name);
  return s.text;
}
export function enableOffline() {}
`;

let appSource;
try {
  appSource = bundle(join(WWW, 'app.js'), { [join(WWW, 'platform.js')]: singlePlatform });
} catch (err) {
  fail(err.message);
}
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
// Preload hints name files the single file inlines.
html = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>\n/g, '');
replaceOnce('<link rel="icon" href="icon.svg" type="image/svg+xml">', `<link rel="icon" href="${icon}" type="image/svg+xml">`);
replaceOnce('<link rel="stylesheet" href="style.css">', `<style>\n${css.replace(/<\/style/gi, '<\\/style')}</style>`);
replaceOnce(
  '<script type="module" src="../pkg/page.js"></script>',
  `<script type="module">\n${scriptSafe(appSource)}</script>`,
);
replaceOnce('It works offline after the first visit.', 'This single file works offline.');

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
console.log(`${relative(process.cwd(), OUT)}: ${html.length} bytes (wasm ${Math.round((wasmB64.length * 3) / 4 / 1024)} KB inlined)`);
