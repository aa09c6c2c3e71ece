# Sourced by the build and test scripts: installs what they need on a fresh
# machine, and nothing that is already there.
# The wasm-bindgen CLI must match the wasm-bindgen crate pinned in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

ensure_wasm_toolchain() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    echo "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 12 minutes, once)" >&2
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

apt_updated=
apt_install() {
  command -v apt-get >/dev/null 2>&1 || { echo "please install: $*" >&2; return 1; }
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq && apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium chromium-driver
  fi
}

# The npm packages of the committed lockfile: playwright-core (browser tests),
# binaryen (wasm-opt) and esbuild (the page's bundler; its binary comes inside
# its npm package, @esbuild/<platform>), all pinned to exact versions.
ensure_node_modules() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ ! -x node_modules/.bin/esbuild ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The Python tools the package's build and tests use, from PyPI into the
# current Python (python3): the pins in tests/python/requirements.txt.
# Debian's own python3 refuses such installs (PEP 668): then use a venv,
# `python3 -m venv .venv && . .venv/bin/activate`, and run make again.
ensure_python_tools() {
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-pip python3-venv
  if ! python3 -c 'import maturin, pytest, dask.bag, distributed' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r tests/python/requirements.txt
  fi
}

# Everything the tests and benchmarks use: the wasm toolchain, Chromium, npm
# packages, the Python tools.
ensure_all() {
  ensure_wasm_toolchain
  ensure_chromium
  ensure_node_modules
  ensure_python_tools
}
