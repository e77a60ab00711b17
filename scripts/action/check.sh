#!/usr/bin/env bash
# Checks the radar with every problem as a GitHub annotation on its line,
# then that output/ matches the radar and the reports. `build --check` is
# only run when `check` passes: on errors it would repeat them.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
"$confradar" "${global[@]}" check --format github
"$confradar" "${global[@]}" build --check
