#!/usr/bin/env bash
# The rolling-restart test runs Debian's HAProxy in front of two built API processes, as deploy/haproxy.cfg runs
# in production. Installs it when missing and this machine can (Debian, root); otherwise says what to install.
set -euo pipefail
[ -x /usr/sbin/haproxy ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's haproxy for the rolling-restart test..."
  apt-get update -qq && apt-get install -y -qq haproxy >/dev/null
  # Only the test starts it, on loopback ports of its own: not the packaged service on port 80.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now haproxy >/dev/null 2>&1 || true; fi
else
  echo "The rolling-restart test needs HAProxy at /usr/sbin/haproxy: run 'sudo apt-get install -y haproxy'." >&2
  exit 1
fi
