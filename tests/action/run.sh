#!/usr/bin/env bash
# Runs the GitHub Action's steps (scripts/action/*.sh) as action.yml does,
# against a temporary git repository, with a fake gh and a fake cargo that
# record their calls. Run by tests/action.rs; needs bash and git.
#
#   tests/action/run.sh comment       the install, diff and comment steps
#                                      over three pushes of one pull request
#   tests/action/run.sh annotations   the check step on a broken radar.toml
#
# CONFRADAR is the confradar binary to test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo_root=$(cd "$here/../.." && pwd)
steps=$repo_root/scripts/action
: "${CONFRADAR:?the confradar binary}"
export CONFRADAR

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
contains() { # contains FILE TEXT
    grep -qF -- "$2" "$1" || fail "$1 has no \`$2\`:"$'\n'"$(cat "$1")"
}

# git with no user or system configuration.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com

# What the runner provides.
export GITHUB_ACTION_PATH=$repo_root GITHUB_REPOSITORY=team/radar PR_NUMBER=7
export RUNNER_TEMP=$work/tmp GITHUB_STEP_SUMMARY=$work/summary.md
export GITHUB_OUTPUT=$work/output
export CONFRADAR_GH=$here/fake-gh FAKE_GH_DIR=$work/gh
mkdir -p "$RUNNER_TEMP"

radar() { # radar RING: a radar.toml with Istio in RING
    cat <<TOML
[radar]
title = "Team Radar"
editions = ["2024-Q3"]

[technologies.istio]
name = "Istio"
quadrant = "platforms"

[[technologies.istio.placements]]
edition = "2024-Q3"
ring = "$1"
why = "Two teams run it in production."
evidence = [{ report = "2024-07-01-cndt", quote = "Istio" }]
TOML
}

# The steps, as action.yml runs them (in the checkout).
diff_step() { (cd "$work/repo" && "$steps/diff.sh" "$RUNNER_TEMP/confradar-diff.md"); }
comment_step() { (cd "$work/repo" && "$steps/comment.sh" "$RUNNER_TEMP/confradar-diff.md"); }
writes() { grep -cE '^api --method (POST|PATCH)' "$FAKE_GH_DIR/calls" || true; }

case_comment() {
    # The cache key: one per ref and sources, the same when run twice.
    ACTION_REF=v1 "$steps/cache-key.sh"
    contains "$GITHUB_OUTPUT" "key=confradar-"
    contains "$GITHUB_OUTPUT" "-v1-"
    key=$(tail -n 1 "$GITHUB_OUTPUT")
    ACTION_REF=v1 "$steps/cache-key.sh"
    [ "$(tail -n 1 "$GITHUB_OUTPUT")" = "$key" ] || fail "the cache key changed"

    # The install step builds this repository with its lock file, into the
    # folder the cache restores.
    printf '#!/bin/sh\necho "$@" >"%s/cargo-args"\n' "$work" >"$work/cargo"
    chmod +x "$work/cargo"
    CARGO=$work/cargo HOME=$work/home "$steps/install.sh"
    [ "$(cat "$work/cargo-args")" = "install --locked --path $repo_root --root $work/home/.cargo" ] ||
        fail "cargo ran with: $(cat "$work/cargo-args")"

    # A pull request with a human's comment already on it.
    mkdir -p "$FAKE_GH_DIR/comments" "$work/repo"
    echo "Looks good to me" >"$FAKE_GH_DIR/comments/1000"
    cd "$work/repo"
    git init -q
    echo "# radar" >README.md
    git add README.md && git commit -qm "before the radar"
    local first
    first=$(git rev-parse HEAD)

    # 1. The base has no radar.toml: everything is added, and one comment
    #    with the marker is posted.
    radar assess >radar.toml
    git add radar.toml && git commit -qm "the radar"
    CONFRADAR_BASE=$first diff_step
    contains "$RUNNER_TEMP/confradar-diff.md" "<!-- confradar-diff -->"
    contains "$RUNNER_TEMP/confradar-diff.md" "0 technologies moved, 1 added, 0 removed"
    contains "$RUNNER_TEMP/confradar-diff.md" "Two teams run it in production."
    contains "$GITHUB_STEP_SUMMARY" "## Radar changes"
    comment_step
    contains "$FAKE_GH_DIR/calls" "api --method POST repos/team/radar/issues/7/comments"
    [ "$(writes)" = 1 ] || fail "expected one POST:"$'\n'"$(cat "$FAKE_GH_DIR/calls")"
    local posted
    posted=$(grep -lF "<!-- confradar-diff -->" "$FAKE_GH_DIR"/comments/*)
    contains "$posted" "1 added"

    # 2. The base has radar.toml and the head moves Istio: the same comment
    #    is updated in place, not posted again.
    local second
    second=$(git rev-parse HEAD)
    radar trial >radar.toml
    git commit -qam "Istio to trial"
    CONFRADAR_BASE=$second diff_step
    contains "$RUNNER_TEMP/confradar-diff.md" "1 technology moved, 0 added, 0 removed"
    comment_step
    contains "$FAKE_GH_DIR/calls" "api --method PATCH repos/team/radar/issues/comments/${posted##*/}"
    [ "$(writes)" = 2 ] || fail "expected a POST then a PATCH:"$'\n'"$(cat "$FAKE_GH_DIR/calls")"
    contains "$posted" "1 technology moved"
    [ "$(cat "$FAKE_GH_DIR/comments/1000")" = "Looks good to me" ] || fail "the human's comment changed"
    [ "$(find "$FAKE_GH_DIR/comments" -type f | wc -l)" = 2 ] || fail "a second comment was posted"

    # 3. Nothing changed: an empty body, and nothing posted or deleted.
    CONFRADAR_BASE=HEAD diff_step
    [ ! -s "$RUNNER_TEMP/confradar-diff.md" ] || fail "a body for no changes"
    contains "$GITHUB_STEP_SUMMARY" "No changes to the radar."
    comment_step
    [ "$(writes)" = 2 ] || fail "posted for no changes:"$'\n'"$(cat "$FAKE_GH_DIR/calls")"
    contains "$posted" "1 technology moved"

    # A diff that fails leaves no body, so the comment step has nothing to
    # post, and a revision that looks like an option never reaches git.
    if CONFRADAR_BASE=--output=x diff_step 2>"$work/err"; then fail "diff of --output=x passed"; fi
    contains "$work/err" "cannot start with \`-\`"
    [ ! -e "$RUNNER_TEMP/confradar-diff.md" ] || fail "a body after a failed diff"
    [ ! -e "$work/repo/x" ] || fail "git wrote x"
    echo "ok: comment"
}

case_annotations() {
    mkdir -p "$work/repo/reports" && cd "$work/repo"
    radar assess >radar.toml
    printf '+++\ntitle = "CNDT"\n+++\nIstio\n' >reports/2024-07-01-cndt.md
    # A report no evidence cites: its counts are what the cache keeps.
    printf 'Istio again.\n' >reports/2024-08-01-meetup.md
    "$CONFRADAR" build -q
    (cd "$work/repo" && "$steps/check.sh") >"$work/ok" 2>&1 || fail "check of a good radar:"$'\n'"$(cat "$work/ok")"
    # The counts cache the action keeps between runs: where it is, and that
    # the check step filled it.
    (cd "$work/repo" && GITHUB_OUTPUT="$work/outputs" "$steps/counts-path.sh")
    contains "$work/outputs" "path=./.confradar-cache"
    [[ -f $work/repo/.confradar-cache/counts.bin ]] || fail "check wrote no counts cache"
    radar asess >radar.toml
    if (cd "$work/repo" && "$steps/check.sh") >"$work/out" 2>&1; then fail "check passed a broken radar"; fi
    contains "$work/out" "::error file=radar.toml,line=11"
    echo "ok: annotations"
}

"case_${1:?usage: run.sh comment|annotations}"
