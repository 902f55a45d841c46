#!/usr/bin/env bash
# One-time set-up of a Debian/Ubuntu machine for development: Wine, mingw-w64,
# Xvfb, the npm packages, the Windows build of Node with koffi's win32 module,
# and a Wine prefix with the fixture drivers registered for trying the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

mapfile -t packages < scripts/linux-packages.txt
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  # wine32 (the 32-bit driver host's Wine) is an i386 package.
  sudo_if_needed dpkg --add-architecture i386
  sudo_if_needed apt-get update
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# Electron's binary cannot be downloaded (or run) here; only Windows needs it.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci
npx tsx scripts/install-dev-prefix.ts
echo "Set-up done. Run the tests with: npm test"
