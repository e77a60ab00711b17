#!/usr/bin/env bash
# Writes what the pull request changes on the radar to OUT, the comment's
# body (empty when nothing changed), and appends it to the job summary.
# OUT is written whole or not at all: when the diff fails, there is no OUT
# and so no comment.
#
#   CONFRADAR_BASE       the revision to compare with (the PR's base sha)
#   GITHUB_STEP_SUMMARY  the job summary file, when there is one
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
out=${1:?usage: diff.sh OUT}
base=${CONFRADAR_BASE:?the base revision}
rm -f "$out"
trap 'rm -f "$out.part"' EXIT
# `--` so a base that looks like an option is taken as a revision (which
# confradar then refuses).
"$confradar" "${global[@]}" diff --format markdown -- "$base" >"$out.part"
mv "$out.part" "$out"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    "$confradar" "${global[@]}" diff --format github -- "$base" >>"$GITHUB_STEP_SUMMARY"
fi
