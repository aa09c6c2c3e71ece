# qawl's entry points. Each target installs what it needs on a fresh machine.
.PHONY: serve test bench single wasm train

serve:          ## build everything and serve the page (prints its URL)
	bash scripts/serve.sh

test:           ## run every test: lints, Rust, wasm in Chromium, page in Chromium
	bash scripts/test.sh

wasm:           ## build the wasm package into pkg/
	bash scripts/build-wasm.sh

single:         ## build dist/qawl.html, one self-contained file that works from file://
	bash scripts/build-wasm.sh && node scripts/build-single.mjs

bench:          ## speed and size benchmarks, checked against their budgets
	bash scripts/bench.sh
