#!/usr/bin/env bash
# Idempotent installer for the VS Code test runtime used by scripts/vscode/run-tests.mjs.
#
# Installs (only if missing) the Debian packages libkrb5-dev, ripgrep and chromium, then
# code-server@4.100.3 (VS Code 1.100.3, the newest code-server whose engines.node is 20) and
# playwright-core@1 into <repo>/.vscode-test/code-server-4.100.3 (git-ignored), following
# docs recipe /work/shared/docs/vscode-testing.md:
#   - npm install --ignore-scripts, because @vscode/ripgrep's postinstall downloads from GitHub;
#     Debian's /usr/bin/rg is symlinked into its bin/ folder instead;
#   - npm_config_yes=true so node-pty's install script may run `npx node-gyp` (npm 11);
#   - --unsafe-perm for the built-in extensions' install when running as root.
# A marker file (.complete) is written last; when it exists the script does nothing.
# Runs non-interactively (CI=true, no stdin).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${CODE_SERVER_DIR:-$REPO_ROOT/.vscode-test/code-server-$CODE_SERVER_VERSION}"
MARKER="$DIR/.complete"
APT_PACKAGES=(libkrb5-dev ripgrep chromium)

log() { echo "[install-code-server] $*"; }

if [[ -f "$MARKER" ]]; then
  log "already installed in $DIR (remove $MARKER to reinstall)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
export CI=true
export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false

SUDO=""
if [[ "$(id -u)" != 0 ]]; then SUDO="sudo -n"; fi

install_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "apt packages present: ${APT_PACKAGES[*]}"
    return
  fi
  log "apt-get update"
  $SUDO apt-get update -qq </dev/null
  log "apt-get install ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}

install_code_server() {
  mkdir -p "$DIR"
  cd "$DIR"
  [[ -f package.json ]] || npm init -y >/dev/null
  log "npm install code-server@$CODE_SERVER_VERSION playwright-core@1 (scripts ignored)"
  npm install --ignore-scripts "code-server@$CODE_SERVER_VERSION" playwright-core@1 \
    </dev/null >/dev/null
  log "npm rebuild argon2"
  npm rebuild argon2 </dev/null >/dev/null

  cd node_modules/code-server/lib/vscode
  log "npm install VS Code's production dependencies (scripts ignored)"
  npm install --omit=dev --ignore-scripts </dev/null >/dev/null
  log "linking Debian's ripgrep into @vscode/ripgrep"
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
  log "npm rebuild (native modules: node-pty, kerberos, ...)"
  npm rebuild </dev/null >/dev/null
  ln -sfn node_modules node_modules.asar
  log "npm install built-in extensions' dependencies"
  (cd extensions && npm install --omit=dev --unsafe-perm </dev/null >/dev/null)
}

verify() {
  local bin="$DIR/node_modules/code-server/out/node/entry.js"
  [[ -f "$bin" ]] || { log "ERROR: $bin missing"; exit 1; }
  [[ -x /usr/bin/chromium ]] || { log "ERROR: /usr/bin/chromium missing"; exit 1; }
  # Read the version from package.json: running `code-server --version` would write a default
  # config into ~/.config/code-server.
  log "code-server $(node -p "require('$DIR/node_modules/code-server/package.json').version")"
}

start=$SECONDS
install_apt_packages
install_code_server
verify
date -u +%FT%TZ > "$MARKER"
log "done in $((SECONDS - start)) s -> $DIR"
