# qawl's entry points. Each target installs what it needs on a fresh machine.
.PHONY: serve test bench single wasm python train fuzz

serve:          ## build everything and serve the page (prints its URL)
	bash scripts/serve.sh

test:           ## run every test: lints, Rust, wasm in Chromium, page in Chromium
	bash scripts/test.sh

wasm:           ## build the wasm package into pkg/
	bash scripts/build-wasm.sh

single:         ## build dist/qawl.html, one self-contained file that works from file://
	bash scripts/build-wasm.sh && node scripts/build-single.mjs

python:         ## build the Python package's wheel and install it into the current python3
	bash scripts/python.sh

bench:          ## speed and size benchmarks, checked against their budgets
	bash scripts/bench.sh

fuzz:           ## the longer fuzz run: an hour per target
	bash scripts/fuzz.sh 3600

# The corpora live outside the repo (see the README's NOTICE); point DATA at them.
DATA ?= ../shared/data
train:          ## retrain models/ (deterministic: same data, same bytes)
	cargo build --release -p qawl-train
	target/release/qawl-train --induce $(DATA)/unlabeled/wiki-ar.txt --clusters-out models/clusters.tsv
	target/release/qawl-train --anercorp $(DATA)/ner/anercorp-camellab/ANERCorp_CamelLab_train.txt \
	  --aqmar $(DATA)/ner/aqmar --wikiann $(DATA)/ner/wikiann-ar --no-aqmar-train --folds 10 \
	  --clusters models/clusters.tsv --out models/ner.bin
