#!/usr/bin/env node
// A dependency-free static server for qawl's page: www/ at /, pkg/ at /pkg/,
// dist/ at /dist/. Correct MIME types (application/wasm for instantiateStreaming),
// no caching headers beyond revalidation (an ETag, so a revalidated file is
// a 304 and a cached compiled wasm is reused), a
// precompressed sibling (`x.br`, `x.gz`, as build-wasm.sh writes for the wasm)
// when the browser accepts it and it is not older than `x`, paths confined to
// those folders. /pkg/page.js, the page's bundle, is rebuilt first when a
// www/ module is newer (scripts/build-page.mjs).
//
//   node scripts/serve.mjs                 # http://127.0.0.1:8080/
//   PORT=9000 node scripts/serve.mjs
//   node scripts/serve.mjs --csp           # adds the strict CSP + Trusted Types headers
//   node scripts/serve.mjs --csp="default-src 'self'"
//
// Also importable: `startServer({ port, csp, root })` resolves to
// `{ server, url, close() }`; tests use it with port 0 (a free port).

import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { ensurePage } from './build-page.mjs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CSP the page and the component are built to work under. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; " +
  "base-uri 'none'; require-trusted-types-for 'script'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Maps a URL path to a file under one of the served folders, or null. */
function locate(root, urlPath, extra = []) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const mounts = [
    ...extra,
    ['/pkg/', join(root, 'pkg')],
    ['/dist/', join(root, 'dist')],
    ['/', join(root, 'www')],
  ];
  for (const [prefix, dir] of mounts) {
    if (!rel.startsWith(prefix)) continue;
    const file = normalize(join(dir, rel.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    return file;
  }
  return null;
}

/** The precompressed sibling of `file` to send for `accept` (Accept-Encoding), or null. */
function precompressed(file, info, accept) {
  for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!new RegExp(`\\b${enc}\\b`).test(accept)) continue;
    const z = statSync(file + ext, { throwIfNoEntry: false });
    if (z?.isFile() && z.mtimeMs >= info.mtimeMs) return { enc, path: file + ext, size: z.size };
  }
  return null;
}

/**
 * `mounts`: more [URL prefix, folder] pairs, served before the others (the
 * benchmark's control page).
 */
export function startServer({ port = 8080, host = '127.0.0.1', csp = null, root = repoRoot, quiet = true, mounts = [] } = {}) {
  // Synchronous file system calls: a page load asks for a dozen small files at
  // once, and each asynchronous call is a trip through libuv's thread pool
  // that a busy machine makes slow; local files are read in well under that.
  const server = createServer((req, res) => {
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    if (csp) headers['Content-Security-Policy'] = csp;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let file = locate(root, req.url || '/', mounts);
    if (file && file === join(root, 'pkg', 'page.js')) {
      // A www/ module the bundler cannot read: say why, not "not found".
      try {
        ensurePage(root);
      } catch (err) {
        res.writeHead(500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`build-page: ${err.message}\n`);
        return;
      }
    }
    try {
      if (file) {
        let info = statSync(file);
        if (info.isDirectory()) {
          file = join(file, 'index.html');
          info = statSync(file);
        }
        const type = MIME[extname(file).toLowerCase()] || 'application/octet-stream';
        const z = precompressed(file, info, String(req.headers['accept-encoding'] || ''));
        const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}${z ? `-${z.enc}` : ''}"`;
        const validators = { ETag: etag, 'Last-Modified': info.mtime.toUTCString() };
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { ...headers, ...validators, Vary: 'Accept-Encoding' }).end();
          if (!quiet) console.log(`304 ${req.url}`);
          return;
        }
        const body = z ? { 'Content-Encoding': z.enc, 'Content-Length': z.size } : { 'Content-Length': info.size };
        res.writeHead(200, { ...headers, ...validators, 'Content-Type': type, Vary: 'Accept-Encoding', ...body });
        if (req.method === 'HEAD') res.end();
        else res.end(readFileSync(z ? z.path : file));
        if (!quiet) console.log(`200 ${req.url}${z ? ` (${z.enc})` : ''}`);
        return;
      }
    } catch {
      // fall through to 404
    }
    if (!quiet) console.log(`404 ${req.url}`);
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`not found: ${req.url}\n`);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      const url = `http://${host}:${actual}/`;
      ok({ server, url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cspArg = process.argv.find((a) => a === '--csp' || a.startsWith('--csp='));
  const csp = cspArg ? (cspArg.includes('=') ? cspArg.slice(6) : STRICT_CSP) : null;
  const port = Number(process.env.PORT || 8080);
  startServer({ port, host: process.env.HOST || '127.0.0.1', csp, quiet: false }).then(
    ({ url }) => {
      console.log(`qawl: serving www/ at ${url} (pkg/ at ${url}pkg/)${csp ? ' with CSP' : ''}`);
      console.log(`      component example: ${url}embed-example.html`);
    },
    (err) => {
      console.error(`qawl: cannot listen on port ${port}: ${err.message}. Set PORT to a free port.`);
      process.exit(1);
    },
  );
}
