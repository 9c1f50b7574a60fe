#!/usr/bin/env bash
# cfn-lint on every CloudFormation template in deploy/ (YAML and the generated JSON): zero errors or this fails.
# Installs cfn-lint when it is missing (pip, else Debian's package). Run by .ci/run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v cfn-lint >/dev/null; then
  echo "cfn-lint: installing"
  python3 -m pip install -q --retries 0 --timeout 5 cfn-lint 2>/dev/null \
    || { apt-get update -qq && apt-get install -y -qq cfn-lint; } \
    || { echo "cfn-lint is missing and could not be installed (pip install cfn-lint, or apt-get install cfn-lint)" >&2; exit 1; }
fi
templates=("$here"/*.yaml "$here"/*.json)
echo "cfn-lint $(cfn-lint --version 2>&1 | awk '{print $2}') on ${#templates[@]} templates"
# exit codes: bit 2 = errors, 4 = warnings, 8 = informational; only errors fail (warnings are printed)
set +e
cfn-lint --format parseable "${templates[@]}"
rc=$?
set -e
if (( rc & 2 )) || (( rc & 1 )); then
  echo "cfn-lint: errors in the templates above" >&2
  exit 1
fi
echo "cfn-lint: ${#templates[@]} templates, 0 errors"
