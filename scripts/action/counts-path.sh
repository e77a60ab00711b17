#!/usr/bin/env bash
# Writes `path=FOLDER` to $GITHUB_OUTPUT: the cache of per-report counts
# for the radar file, which the next step restores and saves with
# actions/cache so a pull request's run counts only the reports it changed.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
echo "path=$("$confradar" "${global[@]}" cache path)" >>"${GITHUB_OUTPUT:?}"
