#!/usr/bin/env bash
# Prints Athena statements ready to run: the generated table DDL and views (or the files given) with the
# placeholders ${lake_root} and ${database} replaced and whole-line "--" comments dropped, one statement per
# file, files separated by a blank line. Tables come before views (views need them).
#
# Usage: schemas/athena/render.sh LAKE_ROOT DATABASE [FILE.sql ...]
#   LAKE_ROOT  where the job writes, e.g. s3://my-bucket/engagement (a trailing slash is dropped)
#   DATABASE   Glue database, lower-case letters, digits and _
#   FILE.sql   default: schemas/athena/tables/*.sql then schemas/athena/views/*.sql
set -euo pipefail

usage() {
  echo "usage: $0 LAKE_ROOT DATABASE [FILE.sql ...]" >&2
  echo "  e.g. $0 s3://my-bucket/engagement engagement_analytics" >&2
  exit 2
}

[ $# -ge 2 ] || usage
lake_root="$1"
database="$2"
shift 2
while [[ "$lake_root" == */ ]]; do lake_root="${lake_root%/}"; done
[ -n "$lake_root" ] || usage
case "$lake_root" in
  *"'"* | *'\'*) echo "LAKE_ROOT must not contain quotes or backslashes: $lake_root" >&2; exit 2 ;;
esac
if ! [[ "$database" =~ ^[a-z0-9_]+$ ]]; then
  echo "DATABASE must be lower-case letters, digits and _: $database" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -eq 0 ]; then
  set -- "$here"/tables/*.sql "$here"/views/*.sql
fi

first=1
for f in "$@"; do
  if [ ! -f "$f" ]; then
    echo "no such file: $f" >&2
    exit 2
  fi
  [ "$first" -eq 1 ] || echo
  first=0
  text="$(grep -v '^[[:space:]]*--' "$f" || true)"
  # Quoted patterns and replacements: matched literally, and '&' in LAKE_ROOT stays '&' (bash 5.2 patsub_replacement).
  text="${text//'${lake_root}'/"$lake_root"}"
  text="${text//'${database}'/"$database"}"
  printf '%s\n' "$text"
done
