#!/usr/bin/env bash
# Runs every fuzz target of the module (each func FuzzXxx in a _test.go
# file) for FUZZTIME, one after another: go test runs one fuzz target at a
# time. A failing input is written under the package's testdata/fuzz/ and
# the run stops; `go test ./pkg` then replays it as a test.
set -euo pipefail
: "${FUZZTIME:=20s}" "${GO:=go}"
found=0
for dir in $("$GO" list -f '{{.Dir}}' ./...); do
  targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u || true)
  for target in $targets; do
    found=$((found + 1))
    echo "fuzz: $target in ${dir#"$PWD"/} for $FUZZTIME"
    "$GO" test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" "$dir"
  done
done
[ "$found" -gt 0 ] || { echo "fuzz: no fuzz targets found"; exit 1; }
echo "fuzz: $found targets passed ($FUZZTIME each)"
