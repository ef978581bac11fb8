#!/usr/bin/env bash
# make vulncheck: govulncheck over the module (packages and the standard
# library the code calls). vuln.go.dev cannot be reached from every machine
# (not from the project's), so by default the database is built from the
# golang.org/x/vulndb module at $VULNDB_VERSION: the same reports, served by
# the Go module proxy, as fresh as that version (bump it to refresh). With
# VULNDB=https://vuln.go.dev it uses the live database instead.
set -euo pipefail
: "${GO:=go}" "${GOVULNCHECK_VERSION:=v1.9.0}" "${VULNDB_VERSION:=v0.0.0-20261105234957-e22db6528018}"
: "${DATA:=data/vulndb}"

if [ -z "${VULNDB:-}" ]; then
  db="$PWD/$DATA/$VULNDB_VERSION"
  if [ ! -f "$db/index/db.json" ]; then
    echo "vulncheck: building the vulnerability database from golang.org/x/vulndb@$VULNDB_VERSION"
    src=$("$GO" mod download -json "golang.org/x/vulndb@$VULNDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$src/data/osv" ] || { echo "vulncheck: no data/osv in golang.org/x/vulndb@$VULNDB_VERSION"; exit 1; }
    rm -rf "$db.tmp"
    (cd "$(mktemp -d)" && "$GO" run "golang.org/x/vulndb/cmd/indexdb@$VULNDB_VERSION" -vulns "$src/data/osv" -out "$db.tmp")
    rm -rf "$db" && mv "$db.tmp" "$db"
  fi
  VULNDB="file://$db"
fi
echo "vulncheck: govulncheck $GOVULNCHECK_VERSION, database $VULNDB, $("$GO" version)"
"$GO" run "golang.org/x/vuln/cmd/govulncheck@$GOVULNCHECK_VERSION" -db "$VULNDB" ./...
