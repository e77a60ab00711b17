#!/usr/bin/env bash
# Builds and installs confradar from the action's own folder (this
# repository at the action's ref), with the versions in its Cargo.lock.
# Runs only when the cache has no binary for this key.
#
#   CARGO           the cargo to run (default: cargo)
#   CONFRADAR_ROOT  where to install (default: ~/.cargo, so the binary is
#                   ~/.cargo/bin/confradar, the path the action caches)
set -euo pipefail
root=${GITHUB_ACTION_PATH:?the folder of the action}
"${CARGO:-cargo}" install --locked --path "$root" --root "${CONFRADAR_ROOT:-$HOME/.cargo}"
