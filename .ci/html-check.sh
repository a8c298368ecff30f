#!/usr/bin/env bash
# Check the review site in a real headless Chromium (tests/review_html.rs): every page of a
# fixture site loads cleanly with its expected counts, citations highlight their passage, the
# side-by-side rows are real raw/clean pairs of the edit log; then print the committed pages'
# figures (.ci/html-bench.sh). FACTSIEVE_HTML_BENCH=1 also renders and measures the site of
# 20,000 synthetic documents.
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

if [ -d reports/list ]; then
  echo "html-check: the committed review pages in headless Chromium"
  bash .ci/html-bench.sh reports/
fi

if [ "${FACTSIEVE_HTML_BENCH:-}" = 1 ]; then
  out=$(mktemp -d)
  FACTSIEVE_SITE_OUT="$out" cargo test --release --test review_html site_at_20000_documents -- --ignored --nocapture
  bash .ci/html-bench.sh "$out" index.html list/documents-1.html list/facts-1.html list/conflicts-1.html list/repairs.html
  rm -rf "$out"
fi
