#!/usr/bin/env bash
# npm test: typecheck, lint, unit, integration and browser tests. Installs nothing by hand: the
# tests start their own embedded PostgreSQL (or use TEST_DATABASE_URL) and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$1"; }
step typecheck
npx tsc --noEmit -p tsconfig.json
step lint
npx biome check .
step "build web"
npm run --silent build:web >/dev/null
step "system packages (chromium, fonts, pdftotext)"
bash scripts/ensure-chromium.sh
step tests
npx vitest run "$@"
