#!/usr/bin/env bash
# The cache key of the installed confradar: the runner's system, the
# action's ref, and a hash of the sources it is built from, so a ref that
# moves (a branch) still gets a fresh build when the code changes.
# Writes `key=...` to $GITHUB_OUTPUT (or stdout).
set -euo pipefail
root=${GITHUB_ACTION_PATH:?the folder of the action}
cd "$root"
hash=$(find Cargo.toml Cargo.lock src -type f -print0 | LC_ALL=C sort -z |
    xargs -0 sha256sum | sha256sum | cut -c1-16)
key="confradar-${RUNNER_OS:-unknown}-${ACTION_REF:-local}-$hash"
echo "key=$key" >>"${GITHUB_OUTPUT:-/dev/stdout}"
