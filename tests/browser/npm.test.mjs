// The npm package: `npm pack` makes a tarball with the API, the worker, the
// component, the wasm, the model, the types and a README; installed into an
// empty project it works bundled by esbuild and from plain HTML with no
// bundler, in Chromium, with no request leaving the page's origin.
//
// Everything is local: the tarball is packed from this checkout (pkg/ built),
// installed with `npm install --offline` (it has no dependencies), and served
// by scripts/serve.mjs from the project's folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, stop } from 'esbuild';
import { ROOT, skipReason, launch, serve, watchRequests, watchProblems, samples } from './helpers.mjs';

const skip = skipReason() || false;
let dir; // the empty project
let tarball;
let browser;

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'qawl-npm-'));
  // --ignore-scripts: pkg/ is built already (prepack would build it again).
  const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT));
  tarball = { path: join(dir, packed.filename), files: packed.files.map((f) => f.path) };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball.path], dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await stop(); // esbuild's service process would keep the test file running
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// An invented article, in a site's own markup.
const ARTICLE = `<article><h1>اجتماع في عمان</h1>
<p>قال وزير الخارجية سامر الحداد يوم الأحد في عمان إن "الحوار مستمر".</p>
<p>وأضاف الحداد أن الاجتماع المقبل سيعقد في القاهرة.</p></article>`;

test('npm pack: package.json with the three exports, the wasm, the model, the types and a README', { skip }, () => {
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules/qawl/package.json'), 'utf8'));
  assert.equal(pkg.name, 'qawl');
  assert.equal(pkg.private, undefined, 'publishable');
  for (const f of ['package.json', 'README.md', 'pkg/qawl.js', 'pkg/qawl_bg.wasm', 'pkg/qawl.d.ts', 'models/ner.bin', 'www/worker.js', 'www/qawl-embed.js', 'www/qawl-embed.d.ts']) {
    assert.ok(tarball.files.includes(f), `the tarball holds ${f}`);
  }
  // Every export names a file that is in the package.
  for (const [name, target] of Object.entries(pkg.exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
      assert.ok(tarball.files.includes(file.replace(/^\.\//, '')), `export ${name}: ${file} is in the package`);
    }
  }
  assert.deepEqual(Object.keys(pkg.exports).filter((k) => ['.', './worker', './component'].includes(k)), ['.', './worker', './component']);
  // Nothing of the repository's tooling or sources beyond what runs.
  assert.deepEqual(tarball.files.filter((f) => /^(src|crates|scripts|tests|node_modules)\//.test(f)), []);
  // The model is the one the wasm embeds.
  assert.deepEqual(readFileSync(join(dir, 'node_modules/qawl/models/ner.bin')), readFileSync(join(ROOT, 'models/ner.bin')));
});

test('the installed package resolves by its exports and analyses in Node', { skip }, () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    import init, { analyze } from 'qawl';
    await init({ module_or_path: readFileSync(fileURLToPath(import.meta.resolve('qawl/qawl_bg.wasm'))) });
    const worker = fileURLToPath(import.meta.resolve('qawl/worker'));
    const component = fileURLToPath(import.meta.resolve('qawl/component'));
    console.log(JSON.stringify({ entities: analyze(process.argv[1]).entities.length, worker, component }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, samples()[0].text], { cwd: dir, encoding: 'utf8' }));
  assert.ok(out.entities > 0);
  assert.ok(out.worker.endsWith('node_modules/qawl/www/worker.js'));
  assert.ok(out.component.endsWith('node_modules/qawl/www/qawl-embed.js'));
});

/** Loads `page` from the project's folder and checks the component marked every entity. */
async function checkComponent(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('qawl-article')?.analysis, null, { timeout: 20000 });
  return page.evaluate(() => {
    const el = document.querySelector('qawl-article');
    const marked = new Set([...el.querySelectorAll('mark.qawl-mark')].map((m) => m.dataset.qawlEntity));
    return { entities: el.analysis.entities.length, marked: marked.size, origin: location.origin };
  });
}

test('a page bundled by esbuild uses the component from the installed package', { skip }, async () => {
  writeFileSync(join(dir, 'site.js'), "import 'qawl/component';\n");
  await build({ absWorkingDir: dir, entryPoints: ['site.js'], bundle: true, format: 'esm', outfile: join(dir, 'dist/site.js'), logLevel: 'silent' });
  // The glue finds the wasm next to itself; bundled, next to the bundle.
  copyFileSync(join(dir, 'node_modules/qawl/pkg/qawl_bg.wasm'), join(dir, 'dist/qawl_bg.wasm'));
  writeFileSync(
    join(dir, 'dist/index.html'),
    `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>site</title><link rel="icon" href="data:,">
<script type="module" src="site.js"></script></head><body><qawl-article quotes>${ARTICLE}</qawl-article></body></html>`,
  );
  const server = await serve({ mounts: [['/', dir]] });
  const context = await browser.newContext();
  const requests = watchRequests(context, new URL(server.url).origin);
  const page = await context.newPage();
  const problems = watchProblems(page);
  const r = await checkComponent(page, `${server.url}dist/index.html`);
  assert.ok(r.entities > 0, 'the article has entities');
  assert.equal(r.marked, r.entities, 'every entity is marked');
  assert.ok(requests.all.some((u) => u.endsWith('/dist/qawl_bg.wasm')));
  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('plain HTML with no bundler uses the component, the API and the worker from node_modules', { skip }, async () => {
  writeFileSync(
    join(dir, 'plain.html'),
    `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>plain</title><link rel="icon" href="data:,">
<script type="module" src="node_modules/qawl/www/qawl-embed.js"></script></head>
<body><qawl-article>${ARTICLE}</qawl-article></body></html>`,
  );
  const server = await serve({ mounts: [['/', dir]] });
  const context = await browser.newContext();
  const requests = watchRequests(context, new URL(server.url).origin);
  const page = await context.newPage();
  const problems = watchProblems(page);
  const r = await checkComponent(page, `${server.url}plain.html`);
  assert.ok(r.entities > 0);
  assert.equal(r.marked, r.entities);
  // The API and the worker, as a site script would use them.
  const text = samples()[1].text;
  const both = await page.evaluate(async (t) => {
    const qawl = await import('/node_modules/qawl/pkg/qawl.js');
    await qawl.default();
    const worker = new Worker('/node_modules/qawl/www/worker.js', { type: 'module' });
    const ask = (msg) =>
      new Promise((resolve, reject) => {
        worker.addEventListener('message', function on(e) {
          if (e.data.id !== msg.id || e.data.type === 'progress') return;
          worker.removeEventListener('message', on);
          if (e.data.type === 'done') resolve(e.data.result);
          else reject(new Error(e.data.message));
        });
        worker.postMessage(msg);
      });
    await ask({ id: 1, type: 'init' });
    const inWorker = await ask({ id: 2, type: 'analyze', text: t });
    worker.terminate();
    return { direct: qawl.analyze(t), inWorker };
  }, text);
  assert.ok(both.direct.entities.length > 0);
  assert.deepEqual(both.inWorker, both.direct, 'the worker answers what the API returns');
  requests.check();
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

