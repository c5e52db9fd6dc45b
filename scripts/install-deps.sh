#!/usr/bin/env bash
# Installs what hongwu needs to build, run and test on Debian 12, and only
# what is missing: a second run does nothing and needs no network.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev libpq-dev
  libcmocka-dev libcurl4-openssl-dev
  libcsv-dev libxlsxwriter-dev zlib1g-dev
  libzip-dev libexpat1-dev
  libhpdf-dev libqrencode-dev fonts-arphic-uming
  sqlite3 postgresql postgresql-client postgresql-common
  python3-pytest python3-requests python3-yaml
  chromium fonts-wqy-microhei
  nginx-light
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js: the machine's own if it has one, else Debian's.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web UI's packages, from its lock file, when the lock changed since the last install.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ web/package-lock.json -nt "$stamp" ]; then
    (cd web && npm ci --no-audit --no-fund)
  fi
fi
