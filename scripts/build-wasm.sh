#!/usr/bin/env bash
# Builds the wasm package into pkg/: cargo (release, wasm32), wasm-bindgen
# --target web, then wasm-opt when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh
ensure_wasm_toolchain
ensure_node_modules

# The library alone (-p qawl): the CLI and trainer, and the `lab` feature
# they enable, stay out of the shipped wasm. The `wasm` profile is release
# at opt-level 2 (Cargo.toml says why), and so is wasm-opt's pass.
cargo build -p qawl --lib --profile wasm --target wasm32-unknown-unknown
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name qawl "${CARGO_TARGET_DIR:-target}"/wasm32-unknown-unknown/wasm/qawl.wasm
# pkg/qawl.d.ts declares the output types from the Rust types (tsify, see
# src/analysis.rs); it copies their doc comments as Rust string literals, so
# their quote marks arrive escaped.
sed -i -e "s/\\\\'/'/g" -e 's/\\"/"/g' pkg/qawl.d.ts
# The worker loads the glue as a script of its own: compile it whole while it
# downloads (the page's bundle carries the same hint; see build-page.mjs).
{ echo '//# allFunctionsCalledOnLoad'; cat pkg/qawl.js; } > pkg/qawl.js.tmp && mv pkg/qawl.js.tmp pkg/qawl.js
# wasm-opt from npm's binaryen (pinned in package.json): Debian's binaryen 108
# corrupts the externref table that wasm-bindgen 0.2.130 emits.
# A function with one caller is inlined only when tiny. Unbounded (the
# default) merged most of the pipeline into one 100 KB function, which V8 must
# compile whole on its first call, on the page's main thread, in the middle of
# the first analysis: 1.5x the lazy compilation, for the same speed after.
# V8 also recompiles a hot function whole with TurboFan, while the first
# analysis runs: the smaller the functions that hold the hot loops, the less
# of that. With LLVM's own inlining cut (.cargo/config.toml), side by side in
# Chromium (31 pairs of cold loads): a limit of 100 bytes against 2000, first
# analysis 35 ms against 63, highlights painted 29 ms sooner; 400 bytes: 40
# ms against 31; none (0): the same as 100.
if [ -x node_modules/.bin/wasm-opt ]; then
  node_modules/.bin/wasm-opt -O2 --one-caller-inline-max-function-size 100 --strip-debug pkg/qawl_bg.wasm -o pkg/qawl_bg.wasm
else
  echo "note: node_modules/.bin/wasm-opt missing (run npm ci); pkg/qawl_bg.wasm is unoptimized" >&2
fi
# The English tagger's model, which the wasm leaves out (src/entity/english.rs):
# the page fetches it beside the wasm, only for articles with English in them.
cp models/ner-en.bin pkg/qawl-en.bin
# Precompressed copies for servers that send them (scripts/serve.mjs does):
# brotli at its best quality costs seconds once here, not on every request.
node -e '
const { readFileSync, writeFileSync } = require("node:fs");
const zlib = require("node:zlib");
for (const f of ["pkg/qawl_bg.wasm", "pkg/qawl-en.bin"]) {
  const bytes = readFileSync(f);
  writeFileSync(`${f}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  writeFileSync(`${f}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
}
'
# The page's modules and the glue in one file (see scripts/build-page.mjs).
node scripts/build-page.mjs
for f in pkg/qawl_bg.wasm pkg/qawl-en.bin; do
  printf '%s: %s bytes, %s gzipped, %s brotli\n' "$f" "$(wc -c < $f)" "$(wc -c < $f.gz)" "$(wc -c < $f.br)"
done
