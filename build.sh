#!/usr/bin/env bash
# Common Ground's one entry point.
#
#   ./build.sh          build dist/chromium and dist/firefox (the unpacked extension for each
#                       browser) and a store-ready zip of each in target/
#   ./build.sh demo     build, then show the extension on bundled sample profiles in Chromium
#   ./build.sh test     everything: rustfmt, clippy, native tests, Wasm tests, web-ext lint,
#                       end-to-end tests in Chromium and Firefox ESR
#   ./build.sh bench    benchmarks that print figures (extraction, import and the common
#                       ground, natively and in Chromium; the overlay in Chromium and Firefox)
#   ./build.sh fuzz     a million random and mutated pages through the page reader (about five
#                       minutes): inputs per second, the slowest per KB, failures kept in
#                       target/fuzz-found/; arguments after "fuzz" go to examples/fuzz.rs
#   ./build.sh setup    only install what is missing (the other commands do this first)
#
# Set-up is idempotent: on a machine that has everything it takes seconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD

TARGET=wasm32-unknown-unknown
CRATE=common_ground
DIST=$ROOT/dist
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
VERSION=$(sed -n 's/^  "version": "\(.*\)",/\1/p' manifest.json)
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export FIREFOX=${FIREFOX:-/usr/bin/firefox-esr}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

setup() {
  local missing=()
  [ -x "$CHROMIUM" ] || missing+=(chromium)
  [ -x "$CHROMEDRIVER" ] || missing+=(chromium-driver)
  [ -x "$FIREFOX" ] || missing+=(firefox-esr)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v node >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! rustup target list --installed | grep -qx "$TARGET"; then
    say "adding the $TARGET target"
    rustup target add "$TARGET"
  fi
  if ! rustup component list --installed | grep -q '^clippy'; then rustup component add clippy; fi
  if ! rustup component list --installed | grep -q '^rustfmt'; then rustup component add rustfmt; fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (the crate's pinned version; a few minutes, once)"
    # Not --locked: its lock file names a dependency release the registry no longer serves.
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
  fi
  local stamp=node_modules/.common-ground-lock
  if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
    say "npm ci (test tools)"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

# One Wasm module: the crate built with feature $1, written to dist/wasm/$1.js and $1_bg.wasm.
wasm_module() {
  local feature=$1
  cargo build --profile wasm-release --target "$TARGET" --lib --features "$feature"
  wasm-bindgen --target web --no-typescript --out-dir "$DIST/wasm" --out-name "$feature" \
    "target/$TARGET/wasm-release/$CRATE.wasm"
  # npm's binaryen: Debian's wasm-opt (108) cannot read what Rust 1.9x emits. Rust's default
  # wasm32 features are listed so that wasm-opt keeps them.
  node_modules/.bin/wasm-opt -Oz --converge --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$DIST/wasm/${feature}_bg.wasm" -o "$DIST/wasm/${feature}_bg.wasm"
  # After a trap an instance is unusable, and the glue keeps the one it made: `reinstantiate`
  # makes a fresh instance of the compiled module it kept (the service worker cannot import the
  # glue again). Checked against the glue of the pinned wasm-bindgen version.
  local glue="$DIST/wasm/$feature.js"
  grep -q '^let wasmModule, wasmInstance, wasm;' "$glue" && grep -q '^function __wbg_finalize_init(instance, module)' "$glue" \
    && grep -q '^function __wbg_get_imports()' "$glue" \
    || { echo "build.sh: the wasm-bindgen glue changed; see reinstantiate in build.sh" >&2; exit 1; }
  cat >> "$glue" <<'JS'

/** Added by build.sh: a fresh instance of the compiled module, after a trap left this one unusable. */
export function reinstantiate() {
    if (wasmModule === undefined) throw new Error('the module was never instantiated');
    return __wbg_finalize_init(new WebAssembly.Instance(wasmModule, __wbg_get_imports()), wasmModule);
}
JS
}

# The browser's manifest from the one in the repository, which holds what both browsers need:
# Chromium's has the side panel and a service worker; Firefox's the sidebar, a background script
# and its add-on id with what the add-on collects (nothing). Each reads its own without a warning.
browser_manifest() {
  python3 - "$1" manifest.json "$2" <<'PY'
import json, sys
browser, source, out = sys.argv[1:]
m = json.load(open(source))
if browser == "chromium":
    del m["sidebar_action"], m["browser_specific_settings"]
    m["background"] = {"service_worker": m["background"]["service_worker"], "type": "module"}
else:
    del m["side_panel"]
    m["permissions"].remove("sidePanel")
    m["background"] = {"scripts": m["background"]["scripts"], "type": "module"}
    # Firefox's extension addresses are random per install: it has no use_dynamic_url.
    for resources in m["web_accessible_resources"]:
        resources.pop("use_dynamic_url", None)
json.dump(m, open(out, "w"), indent=2, ensure_ascii=False)
PY
}

# dist/<browser>/ from the extension's files, the Wasm modules and the browser's own parts
# (extension/<browser>/), and its zip in target/.
package() {
  local browser=$1 out=$DIST/$1 zip=$ROOT/target/common-ground-$VERSION-$1.zip
  mkdir -p "$out"
  cp -r "$DIST/wasm" "$out/"
  (cd extension && find . -type f ! -name '*.py' ! -path './chromium/*' ! -path './firefox/*' -exec cp --parents {} "$out/" \;)
  cp "extension/$browser/"* "$out/"
  browser_manifest "$browser" "$out/manifest.json"
  # The side panel is the overlay's view at full size: one skeleton, marked as the panel and
  # given the script that follows the active tab.
  sed -e 's|<body data-view="overlay">|<body data-view="overlay" class="panel">|' \
      -e 's|<script type="module" src="overlay.js"></script>|&<script src="panel.js" defer></script>|' \
      extension/overlay.html > "$out/panel.html"
  grep -q 'class="panel"' "$out/panel.html" && grep -q panel.js "$out/panel.html" \
    || { echo "build.sh: could not make panel.html from overlay.html" >&2; exit 1; }
  rm -f "$zip"
  (cd "$out" && python3 - "$zip" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in sorted(os.walk(".")):
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, "."))
PY
  )
}

build() {
  rm -rf "$DIST"
  mkdir -p "$DIST/wasm"
  say "compiling the core (service worker) to WebAssembly"
  wasm_module background
  say "compiling the page reader (service worker) to WebAssembly"
  wasm_module reader
  say "compiling the pages' UI to WebAssembly"
  wasm_module ui
  say "compiling the import page to WebAssembly"
  wasm_module importer
  say "compiling the options page to WebAssembly"
  wasm_module settings
  package chromium
  package firefox
  rm -rf "$DIST/wasm"
  say "built"
  echo "  Chromium: $DIST/chromium, target/common-ground-$VERSION-chromium.zip"
  echo "  Firefox:  $DIST/firefox, target/common-ground-$VERSION-firefox.zip"
  local module
  for module in background reader ui settings importer; do
    printf '  wasm %-13s %s bytes, %s bytes gzipped\n' "($module):" \
      "$(stat -c %s "$DIST/chromium/wasm/${module}_bg.wasm")" "$(gzip -9c "$DIST/chromium/wasm/${module}_bg.wasm" | wc -c)"
  done
  echo "  load it in Chrome:  chrome://extensions → Developer mode → Load unpacked → $DIST/chromium"
  echo "  load it in Firefox: about:debugging → This Firefox → Load Temporary Add-on → $DIST/firefox/manifest.json"
}

native_tests() {
  say "rustfmt"
  cargo fmt --all -- --check
  say "clippy (native and wasm32, warnings denied)"
  cargo clippy --all-targets -- -D warnings
  cargo clippy --target "$TARGET" --lib --test wasm_store --features background -- -D warnings
  cargo clippy --target "$TARGET" --lib --features reader -- -D warnings
  cargo clippy --target "$TARGET" --lib --features ui -- -D warnings
  cargo clippy --target "$TARGET" --lib --features importer -- -D warnings
  cargo clippy --target "$TARGET" --lib --features settings -- -D warnings
  say "native tests"
  cargo test
}

wasm_tests() {
  say "Wasm tests in headless Chromium (real IndexedDB)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --target "$TARGET" --test wasm_store
}

firefox_lint() {
  say "Mozilla's add-on checks on dist/firefox (web-ext lint, warnings are errors)"
  node_modules/.bin/web-ext lint --source-dir dist/firefox --warnings-as-errors --no-config-discovery
}

e2e_tests() {
  say "end-to-end tests: Chromium and Firefox ESR with the extension loaded"
  node --test --test-concurrency=1 tests/e2e/
}

case "${1:-build}" in
  setup) setup ;;
  build) setup; build ;;
  demo) setup; build; say "demo"; node tests/e2e/demo.mjs ;;
  test) setup; native_tests; wasm_tests; build; firefox_lint; e2e_tests ;;
  bench) setup; build
    say "extraction, native (criterion)"; cargo bench --bench extract
    say "extraction in Chromium's Wasm, next to DOMParser"; node tests/e2e/bench.mjs
    say "importing 30,000 connections in Chromium, next to Papa Parse"; node tests/e2e/bench-import.mjs
    say "the common ground, native (criterion)"; cargo bench --bench annotate
    say "the common ground in Chromium, with a full store"; node tests/e2e/bench-annotation.mjs
    say "the overlay after a navigation, Chromium next to Firefox ESR"; node tests/e2e/bench-browsers.mjs ;;
  fuzz) setup; say "fuzzing the page reader"; shift; cargo run --release --example fuzz -- "$@" ;;
  *) echo "usage: ./build.sh [build|demo|test|bench|fuzz|setup]" >&2; exit 2 ;;
esac
