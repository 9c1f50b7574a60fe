#!/usr/bin/env bash
# Executes every notebook of notebooks/ against a local lake and fails on any cell error or a notebook that draws
# no chart. What CI runs (.ci/run); also how the committed outputs are made (--in-place).
#
# Usage: notebooks/execute.sh [--lake DIR] [--in-place]
#   --lake DIR   an existing lake (bin/engagement-analytics local --output DIR); default: generate a small one
#   --in-place   write the executed notebooks (with their outputs) back into notebooks/
# Python packages (notebooks/requirements.txt) go into notebooks/.venv, created on first use.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
lake="" in_place=0
while [ $# -gt 0 ]; do
  case "$1" in
    --lake) lake="${2:-}"; shift 2 ;;
    --in-place) in_place=1; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "execute.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

venv="$here/.venv"
if ! "$venv/bin/python" -c "import pandas, matplotlib, duckdb, pytz, nbclient, nbformat, ipykernel" 2>/dev/null; then
  echo "notebooks: installing $(grep -v '^#' "$here/requirements.txt" | tr '\n' ' ')into $venv"
  python3 -m venv "$venv" || { echo "execute.sh: python3 with venv is needed (apt-get install python3-venv)" >&2; exit 2; }
  "$venv/bin/pip" install -q --retries 0 --timeout 5 -r "$here/requirements.txt"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$lake" ]; then
  lake="$work/lake"
  echo "notebooks: generating a lake (3 h of traffic, an incident in IN) into $lake"
  "$root/bin/engagement-analytics" local --duration 3h --rate 1 --drain 30m --speed 0 --seed 7 \
    --countries US:4,IN:3,BR:2,GB:1 --incident country=IN,from=90m,delivery=0.4,conversion=0.3 \
    --output "$lake" > "$work/local.log" 2>&1 || { cat "$work/local.log" >&2; exit 1; }
fi

ENGAGEMENT_LAKE="$(cd "$lake" && pwd)" IN_PLACE="$in_place" WORK="$work" "$venv/bin/python" - "$here"/*.ipynb <<'PY'
import os, sys, pathlib
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

failed = 0
for path in map(pathlib.Path, sys.argv[1:]):
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    except CellExecutionError as e:
        print(f"FAILED {path.name}: a cell raised\n{e}", file=sys.stderr)
        failed += 1
        continue
    images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                 if "image/png" in o.get("data", {}))
    if images == 0:
        print(f"FAILED {path.name}: executed but drew no chart", file=sys.stderr)
        failed += 1
        continue
    target = path if os.environ["IN_PLACE"] == "1" else pathlib.Path(os.environ["WORK"]) / path.name
    nbformat.write(nb, target)
    print(f"ok {path.name}: {len(nb.cells)} cells, {images} charts")
print(f"notebooks: {len(sys.argv) - 1 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
