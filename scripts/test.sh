#!/usr/bin/env bash
# `npm test`: sets up and runs every test — Debian peers, native modules for Node, type checks, lint, build,
# unit + integration tests (Vitest, real peers), end-to-end tests (Playwright in Debian Chromium).
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
export CI="${CI:-}"

step() { printf '\n=== %s ===\n' "$*"; }
fail() { echo "npm test: $*" >&2; exit 1; }

step "test peers (Debian packages)"
bash scripts/test-peers.sh || fail "test peers are missing (see above)"

step "dependencies"
if [ ! -d node_modules ]; then npm ci || fail "npm ci failed"; fi
# A desktop build may have left Electron-ABI native modules behind; tests run under Node.
if ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
  echo "better-sqlite3 is not built for this Node; rebuilding it"
  npm rebuild better-sqlite3 || fail "could not rebuild better-sqlite3 for Node"
fi

step "type check"
npm run -s typecheck || fail "type check failed"
step "lint"
npm run -s lint || fail "lint failed"
step "build"
node scripts/build.mjs || fail "build failed"

rm -rf reports; mkdir -p reports test/e2e/artifacts
step "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
unit=$?
step "end-to-end tests (playwright, Debian chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/e2e.json npx playwright test --reporter=list,json
e2e=$?

node scripts/summarize-tests.mjs reports/vitest.json reports/e2e.json
[ $unit -eq 0 ] && [ $e2e -eq 0 ]
