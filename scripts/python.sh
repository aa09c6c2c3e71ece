#!/usr/bin/env bash
# Builds the Python package (crates/qawl-py: one abi3 wheel, by maturin) into
# target/wheels/ and installs it into the current Python (python3).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh
ensure_python_tools
rm -f "${CARGO_TARGET_DIR:-target}"/wheels/qawl-*.whl
python3 -m maturin build --release --quiet --manifest-path crates/qawl-py/Cargo.toml \
  --out "${CARGO_TARGET_DIR:-target}/wheels"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --force-reinstall --no-deps \
  "${CARGO_TARGET_DIR:-target}"/wheels/qawl-*.whl
python3 -c 'import qawl, sys; print("qawl", qawl.__version__, "installed for", sys.executable)'
