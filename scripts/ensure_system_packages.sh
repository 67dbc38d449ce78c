#!/usr/bin/env bash
# Install the Debian packages the project needs, if they are missing.
#   runtime: Pango and fonts for WeasyPrint (PDF rendering)
#   test:    runtime + Chromium for browser tests + docker-compose to validate the compose file
#            + poppler-utils (pdftoppm) for the pictures of the demo forms
set -euo pipefail
mode=${1:-runtime}

missing=()
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [ "$mode" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
