#!/usr/bin/env node
// Builds dist/qawl.html: the whole page in one self-contained file (styles,
// scripts, samples and the wasm as base64 inlined) that works when opened
// from file:// with no server and no network.
//
//   node scripts/build-single.mjs [--out dist/qawl.html]
//
// Needs pkg/ (bash scripts/build-wasm.sh). No dependencies: the page's ES
// modules are joined by a small bundler below that only understands the
// static import/export forms this repo uses, and import() of a literal path
// (and says so when it meets another). In the single file, analysis runs in a
// worker started from a Blob URL, or on the page's thread when the browser
// refuses that worker.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WWW = join(ROOT, 'www');
const PKG = join(ROOT, 'pkg');

function fail(msg) {
  console.error(`build-single: ${msg}`);
  process.exit(1);
}

// ------------------------------------------------------------ the bundler

const IMPORT_RE = /^[ \t]*import\s+([\s\S]+?)\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm;
const SIDE_IMPORT_RE = /^[ \t]*import\s+['"][^'"]+['"];?/m;
const DYNAMIC_IMPORT_RE = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function bindingsFor(clause, modVar) {
  const out = [];
  let rest = clause.trim();
  const braces = rest.match(/\{([\s\S]*)\}/);
  if (braces) {
    const names = braces[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [name, alias] = s.split(/\s+as\s+/);
        return alias ? `${name}: ${alias}` : name;
      });
    out.push(`const { ${names.join(', ')} } = ${modVar};`);
    rest = rest.replace(braces[0], '');
  }
  for (const part of rest.split(',').map((s) => s.trim()).filter(Boolean)) {
    const ns = part.match(/^\*\s+as\s+(\w+)$/);
    if (ns) out.push(`const ${ns[1]} = ${modVar};`);
    else if (/^\w+$/.test(part)) out.push(`const ${part} = ${modVar}.default;`);
    else throw new Error(`unsupported import clause: ${clause}`);
  }
  return out.join(' ');
}

function moduleVar(file) {
  return `__qawl_${relative(ROOT, file).replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** Rewrites one ES module as `const __qawl_x = (() => { …; return {exports}; })();`. */
function wrapModule(file, source, deps) {
  const exportsList = [];
  let body = source.replace(IMPORT_RE, (_, clause, spec) => {
    const dep = resolve(dirname(file), spec);
    deps.push(dep);
    return bindingsFor(clause, moduleVar(dep));
  });
  if (SIDE_IMPORT_RE.test(body)) throw new Error(`${file}: side-effect imports are not supported`);
  // import('./x.js') with a literal path: x is bundled like a static import
  // and the call resolves to it.
  body = body.replace(DYNAMIC_IMPORT_RE, (_, spec) => {
    const dep = resolve(dirname(file), spec);
    deps.push(dep);
    return `Promise.resolve(${moduleVar(dep)})`;
  });
  if (/\bimport\s*\(/.test(body)) throw new Error(`${file}: import() of a computed path is not supported in the single file`);
  body = body.replace(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm, (_, kw, name) => {
    exportsList.push(`${name}: ${name}`);
    return `${kw} ${name}`;
  });
  body = body.replace(/^export\s*\{([^}]*)\};?/gm, (_, names) => {
    for (const s of names.split(',').map((x) => x.trim()).filter(Boolean)) {
      const [local, exported] = s.split(/\s+as\s+/);
      exportsList.push(`${exported || local}: ${local}`);
    }
    return '';
  });
  if (/^export\s/m.test(body)) throw new Error(`${file}: unsupported export form`);
  body = body.replace(/\bimport\.meta\.url\b/g, 'location.href');
  return `const ${moduleVar(file)} = (() => {\n${body}\nreturn { ${exportsList.join(', ')} };\n})();\n`;
}

/**
 * Bundles `entry` and its imports, dependencies first.
 * @param {Record<string, string>} overrides file path -> replacement source
 * @param {Record<string, string>} after file path -> code to run right after that module
 */
function bundle(entry, overrides = {}, after = {}) {
  const done = new Set();
  const out = [];
  const visit = (file, stack) => {
    if (done.has(file)) return;
    if (stack.includes(file)) throw new Error(`import cycle: ${[...stack, file].join(' -> ')}`);
    const source = overrides[file] ?? readFileSync(file, 'utf8');
    const deps = [];
    const wrapped = wrapModule(file, source, deps);
    for (const d of deps) visit(d, [...stack, file]);
    done.add(file);
    out.push(wrapped);
    if (after[file]) out.push(after[file]);
  };
  visit(entry, []);
  return out.join('\n');
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
  '<script type="module" src="app.js"></script>',
  `<script type="module">\n${scriptSafe(appSource)}</script>`,
);
replaceOnce('It works offline after the first visit.', 'This single file works offline.');

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
console.log(`${relative(process.cwd(), OUT)}: ${html.length} bytes (wasm ${Math.round((wasmB64.length * 3) / 4 / 1024)} KB inlined)`);
