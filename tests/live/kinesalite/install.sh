#!/usr/bin/env bash
# Installs kinesalite (the Kinesis API in Node.js, in memory) for the live-mode tests, from
# package-lock.json. npm comes from Debian only when the machine has none: a nodejs that
# ships npm conflicts with Debian's npm package.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || apt-get install -y --no-install-recommends npm
# leveldown (optional, native) is only for kinesalite's on-disk mode, which the tests do not use.
npm ci --no-audit --no-fund --omit=optional
