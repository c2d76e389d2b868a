#!/usr/bin/env bash
# The release: one self-contained folder from which the service runs with production dependencies
# only. It is what the container image holds (the Dockerfile's build stage runs this script and the
# runtime stage copies the folder), and it runs the same way on a machine without Docker:
#
#   bash scripts/build-release.sh <target folder> [--skip-build]
#   cd <target folder> && HOST=0.0.0.0 node cloud/dist/main.js         # or: node cloud/dist/main.js migrate
#
# The folder holds, where the service looks for them (h5Dir/adminDir in cloud/src/config/app-config.ts):
#   cloud/dist/         the built service            cloud/admin/dist/   the built admin page (/admin/)
#   shared/dist/        @manyi/shared, built         miniapp/dist/h5/    the mini-program's h5 build (/h5/)
#   package.json, package-lock.json, cloud/package.json, shared/package.json
#   node_modules/       the production dependencies of @manyi/cloud and @manyi/shared, from the lock
#                       file (npm ci --omit=dev): no Taro, no vite, no jest
#   release.json        commit, build time and Node version
#
# It builds shared, cloud, the h5 build and the admin page first, unless told they are built already
# (--skip-build or MANYI_RELEASE_SKIP_BUILD=1, for tests that built them). In a fresh checkout without
# node_modules (the image's build stage) it runs `npm ci` first. Nothing else is downloaded than what
# the lock file names, from the npm registry npm is configured with.
set -euo pipefail

usage() {
  echo "usage: bash scripts/build-release.sh <target folder> [--skip-build]   (MANYI_RELEASE_SKIP_BUILD=1 also skips building)" >&2
  exit 2
}

target=''
skip_build="${MANYI_RELEASE_SKIP_BUILD:-0}"
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=1 ;;
    -h | --help) usage ;;
    -*) echo "build-release: unknown option $arg" >&2 && usage ;;
    *) [ -z "$target" ] || usage; target="$arg" ;;
  esac
done
[ -n "$target" ] || usage

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/use-node.sh

started=$(date +%s)
say() { printf 'build-release: %s\n' "$*"; }
fail() {
  printf 'build-release: %s\n' "$*" >&2
  exit 1
}

mkdir -p "$target"
target="$(cd "$target" && pwd)"
case "$target/" in
  "$root"/*) fail "the target $target is inside the repository; choose a folder outside it (e.g. /tmp/manyi-release)" ;;
esac
# Only a folder this script made before (it has release.json) or an empty one is replaced.
if [ -n "$(ls -A "$target")" ]; then
  [ -f "$target/release.json" ] || fail "$target is not empty and is not a release folder; refusing to replace it"
  find "$target" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
fi

# --- 1. build ----------------------------------------------------------------------------------
if [ "$skip_build" = 1 ]; then
  say 'skipping the builds (told they are done)'
else
  if [ ! -d node_modules ]; then
    say 'no node_modules: npm ci (every workspace, with the build tools)'
    npm ci --no-audit --no-fund
  fi
  say 'building @manyi/shared, @manyi/cloud, the h5 mini-program and the admin page'
  npm run build --silent -w @manyi/shared
  npm run build --silent -w @manyi/cloud
  npm run build:h5 --silent -w @manyi/miniapp
  npm run build --silent -w @manyi/admin
fi
built=$(date +%s)

for built_file in shared/dist/index.js cloud/dist/main.js miniapp/dist/h5/index.html cloud/admin/dist/index.html; do
  [ -f "$built_file" ] || fail "$built_file is missing: build first (npm run build:serve), or run without --skip-build"
done

# --- 2. assemble -------------------------------------------------------------------------------
say "assembling $target"
mkdir -p "$target/shared" "$target/cloud/admin" "$target/miniapp/dist"
cp package-lock.json "$target/"
[ ! -f .npmrc ] || cp .npmrc "$target/"
# The root manifest as it is (its workspaces and devDependencies must match the lock file for npm ci),
# with only the scripts that run the built service (migrate, backup …): the others build with dev tools.
node --input-type=module -e '
  import { readFileSync, writeFileSync } from "node:fs";
  const manifest = JSON.parse(readFileSync("package.json", "utf8"));
  const runsBuilt = ([, command]) => /^node cloud\/dist\/[\w/.-]+\.js(\s|$)/.test(command);
  manifest.scripts = { ...Object.fromEntries(Object.entries(manifest.scripts ?? {}).filter(runsBuilt)), start: "node cloud/dist/main.js" };
  writeFileSync(process.argv[1] + "/package.json", JSON.stringify(manifest, null, 2) + "\n");
' "$target"
cp shared/package.json "$target/shared/"
cp -R shared/dist "$target/shared/dist"
cp cloud/package.json "$target/cloud/"
cp -R cloud/dist "$target/cloud/dist"
cp -R cloud/admin/dist "$target/cloud/admin/dist"
cp -R miniapp/dist/h5 "$target/miniapp/dist/h5"
# Compiled tests have no business in a release (the build excludes specs; be sure; benchmarks live in bench/).
find "$target/cloud/dist" "$target/shared/dist" \( -name '*.spec.js' -o -name '*.spec.js.map' -o -name '*.spec.d.ts' \) -delete

# --- 3. production dependencies ----------------------------------------------------------------
# better-sqlite3 finds no prebuilt binary it can reach here and compiles SQLite from source (minutes on
# two cores). When this checkout already compiled the same version for this Node (its `npm ci`, in the
# image's build stage too), that binary is handed to prebuild-install as a local prebuild — the
# package's own mechanism — rather than compiled a second time.
prebuilds=$(mktemp -d)
trap 'rm -rf "$prebuilds"' EXIT
if node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null; then
  sqlite_prebuild=$(node -p '`better-sqlite3-v${require("better-sqlite3/package.json").version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`')
  tar czf "$prebuilds/$sqlite_prebuild" -C node_modules/better-sqlite3 build/Release/better_sqlite3.node
  export npm_config_better_sqlite3_local_prebuilds="$prebuilds"
  say "better-sqlite3: reusing this checkout's build ($sqlite_prebuild)"
fi
say 'npm ci --omit=dev for @manyi/cloud and @manyi/shared (native addons build here when no prebuilt binary fits)'
(
  cd "$target"
  # No telemetry from install scripts (@scarf/scarf reports installs unless told not to).
  SCARF_ANALYTICS=false DO_NOT_TRACK=1 npm ci --omit=dev --workspace=@manyi/shared --workspace=@manyi/cloud \
    --no-audit --no-fund --loglevel=error
)
installed=$(date +%s)

# better-sqlite3 compiles SQLite from source when no prebuilt binary is reachable: keep the addon,
# drop the sources and the compiler's intermediate files (about 25 MB).
sqlite_addon="$target/node_modules/better-sqlite3"
if [ -f "$sqlite_addon/build/Release/better_sqlite3.node" ]; then
  rm -rf "$sqlite_addon/deps" "$sqlite_addon/src" "$sqlite_addon/build/deps" \
    "$sqlite_addon/build/Release/obj" "$sqlite_addon/build/Release/obj.target" "$sqlite_addon/build/Release/.deps" \
    "$sqlite_addon/build/Release/test_extension.node"
  find "$sqlite_addon/build" -name '*.a' -delete
fi

# What must not be there: the front ends' and the tests' tool chains.
for tool in @tarojs/cli @tarojs/taro vite jest @swc/core eslint typescript-eslint webpack react-dom antd playwright-core; do
  [ ! -e "$target/node_modules/$tool" ] || fail "node_modules/$tool is in the release: it is not a production dependency of cloud or shared"
done
for package in @manyi/shared @manyi/cloud; do
  [ -e "$target/node_modules/$package" ] || fail "node_modules/$package is missing"
done
# The native addons load with this Node (right ABI, libraries present), and the service's entry resolves.
(
  cd "$target"
  node --input-type=commonjs -e '
    new (require("better-sqlite3"))(":memory:").prepare("select 1").get();
    require("argon2");
    require("sharp");
  '
)

# --- 4. describe -------------------------------------------------------------------------------
commit="${MANYI_RELEASE_COMMIT:-$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)}"
node --input-type=module -e '
  import { writeFileSync } from "node:fs";
  const [target, commit] = process.argv.slice(1);
  const release = { name: "manyi", commit, builtAt: new Date().toISOString(), node: process.version };
  writeFileSync(target + "/release.json", JSON.stringify(release, null, 2) + "\n");
' "$target" "$commit"

finished=$(date +%s)
size() { du -sh "$1" | cut -f1; }
say "done in $((finished - started)) s (build $((built - started)) s, npm ci $((installed - built)) s)"
say "$target: $(size "$target") — node_modules $(size "$target/node_modules"), cloud/dist $(size "$target/cloud/dist"), shared/dist $(size "$target/shared/dist"), h5 $(size "$target/miniapp/dist/h5"), admin $(size "$target/cloud/admin/dist")"
