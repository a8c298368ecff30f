#!/usr/bin/env bash
# Measure review pages in headless Chromium: size, wall time of a headless load (browser
# start included; an empty page is measured first as the baseline), the page's own time to
# its self-check (ms since navigation start), DOM nodes, JS heap, and the browser's peak RSS
# (largest process, from /usr/bin/time).
#   .ci/html-bench.sh reports/                 # index, first list pages, largest document page
#   .ci/html-bench.sh reports/ list/facts-3.html docs/000042.html
set -euo pipefail
dir=$(cd "$1" && pwd); shift
browser=${FACTSIEVE_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}
if [ $# -eq 0 ]; then
  largest=$(cd "$dir" && find docs -name '*.html' -printf '%s %p\n' | awk '$1>m{m=$1;p=$2} END{print p}')
  set -- index.html list/documents-1.html list/facts-1.html list/conflicts-1.html list/repairs.html list/suggestions-1.html "$largest"
fi
load() {
  local url=$1 profile out
  profile=$(mktemp -d)
  out=$(mktemp)
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$out.rss" "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --enable-precise-memory-info --user-data-dir="$profile" --dump-dom "$url" >"$out" 2>/dev/null
  t1=$(date +%s%N)
  local sc
  sc=$(grep -o '<span id="selfcheck"[^>]*>' "$out" || true)
  attr() { echo "$sc" | grep -o "$1=\"[^\"]*\"" | cut -d'"' -f2; }
  printf '%-34s %10s %8s %8s %8s %10s %9s %s\n' "${2:-}" "${3:-}" "$(( (t1 - t0) / 1000000 ))" \
    "$(attr data-ms)" "$(attr data-nodes)" "$(attr data-heap)" "$(( $(cat "$out.rss") / 1024 ))" "$(attr data-status)"
  rm -rf "$profile" "$out" "$out.rss"
}
printf '%-34s %10s %8s %8s %8s %10s %9s %s\n' page bytes wall_ms page_ms nodes js_heap rss_MB selfcheck
empty=$(mktemp --suffix=.html); echo '<!DOCTYPE html><title>empty</title>' >"$empty"
load "file://$empty" "(empty page: browser start)" "0"
rm -f "$empty"
for p in "$@"; do
  load "file://$dir/$p" "$p" "$(stat -c %s "$dir/$p")"
done
echo "reports/ total: $(du -sh "$dir" | cut -f1), $(find "$dir" -name '*.html' | wc -l) HTML files"
