#!/usr/bin/env bash
# Makes sure the real third-party peers the tests start are installed (Debian packages). As root it installs
# what is missing; otherwise it prints the one apt command to run and fails.
set -euo pipefail

PACKAGES=(chromium fonts-noto-cjk socat udev iproute2 direwolf sox libhamlib-utils mosquitto ffmpeg kamailio kamailio-websocket-modules postgresql)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test peers: all installed (${PACKAGES[*]})"
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "test peers missing: ${missing[*]}" >&2
  echo "run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "test peers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends ${missing[*]} >/dev/null
