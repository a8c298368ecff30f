#!/usr/bin/env bash
# Check reports/index.html in a real headless Chromium (tests/review_html.rs).
# Installs Debian's chromium when it is missing; with FACTSIEVE_REQUIRE_CHROMIUM=1 the test
# fails instead of skipping when no browser can be found.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ -z "${FACTSIEVE_CHROMIUM:-}" ]; then
  echo "html-check: installing chromium"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends chromium
fi

FACTSIEVE_REQUIRE_CHROMIUM=1 cargo test --test review_html -- --nocapture
