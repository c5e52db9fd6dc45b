#!/usr/bin/env bash
# Installs hongwu as a systemd service (docs/operations.md, "systemd"):
# the user and group hongwu, the binary in /usr/local/bin, the web UI in
# /usr/local/share/hongwu-web, /etc/hongwu/hongwu.env (kept if present) and
# deploy/hongwu.service; then enables and (re)starts the service.
# Run as root after `make`:  sudo make install-service
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BIN_DIR=/usr/local/bin
WEB_DIR=/usr/local/share/hongwu-web

if [ "$(id -u)" != 0 ]; then
  echo "install-service: run as root (sudo make install-service)" >&2
  exit 1
fi
if [ ! -x "$BUILD/hongwu" ] || [ ! -f web/dist/index.html ]; then
  echo "install-service: build first (make): $BUILD/hongwu and web/dist are needed" >&2
  exit 1
fi

getent group hongwu >/dev/null || groupadd --system hongwu
if ! getent passwd hongwu >/dev/null; then
  useradd --system --gid hongwu --home-dir /var/lib/hongwu --no-create-home \
    --shell /usr/sbin/nologin --comment "hongwu server" hongwu
fi

install -m 755 "$BUILD/hongwu" "$BIN_DIR/hongwu"
# The UI is replaced whole, so no file of an older build is left behind.
rm -rf "$WEB_DIR.new"
cp -r web/dist "$WEB_DIR.new"
rm -rf "$WEB_DIR"
mv "$WEB_DIR.new" "$WEB_DIR"

install -d -m 750 -o root -g hongwu /etc/hongwu
if [ ! -f /etc/hongwu/hongwu.env ]; then
  install -m 640 -o root -g hongwu deploy/hongwu.env /etc/hongwu/hongwu.env
fi
install -m 644 deploy/hongwu.service /etc/systemd/system/hongwu.service

if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable hongwu.service
  systemctl restart hongwu.service
  systemctl --no-pager --lines=5 status hongwu.service || true
else
  echo "install-service: systemd is not running here; installed, not started" >&2
fi
echo "installed: $BIN_DIR/hongwu, $WEB_DIR, /etc/hongwu/hongwu.env, hongwu.service"
