#!/usr/bin/env bash
# Debian packages Servicepuls needs: `run` (PDF rendering, translations) or `test` (+ Chromium).
# Installs the missing ones when running as root; otherwise prints the exact command.
set -euo pipefail
purpose=${1:-run}
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core gettext)
if [ "$purpose" = "test" ]; then
  packages+=(chromium)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Servicepuls needs these system packages: ${missing[*]} (install them with your package manager)." >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
