#!/usr/bin/env bash
# Posts BODY as the pull request's confradar comment, or updates the one
# posted before (found by the marker its first line carries), so a pull
# request has one such comment however often it is pushed. An empty BODY
# (nothing changed) posts nothing and deletes nothing.
#
#   CONFRADAR_GH       the gh to run (default: gh); tests put a fake here
#   GH_TOKEN           the token gh uses
#   GITHUB_REPOSITORY  owner/name
#   PR_NUMBER          the pull request
set -euo pipefail
body=${1:?usage: comment.sh BODY}
gh=${CONFRADAR_GH:-gh}
marker='<!-- confradar-diff -->'
repo=${GITHUB_REPOSITORY:?owner/name}
pr=${PR_NUMBER:?the pull request number}

if [ ! -s "$body" ]; then
    echo "confradar: nothing changed on the radar; no comment"
    exit 0
fi
if [ "$(head -n 1 "$body")" != "$marker" ]; then
    echo "::error::confradar: $body does not start with $marker" >&2
    exit 1
fi

# A pull request from a fork gets a read-only token: say so, and leave the
# job's result to the checks (the diff is in the job summary).
cannot() {
    echo "::warning::confradar: could not $1 the pull request comment (a pull request from a fork has a read-only token); the diff is in the job summary"
    exit 0
}

ids=$("$gh" api --paginate "repos/$repo/issues/$pr/comments" \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id") || cannot read
existing=${ids%%$'\n'*}
if [ -n "$existing" ]; then
    "$gh" api --method PATCH "repos/$repo/issues/comments/$existing" \
        -F "body=@$body" >/dev/null || cannot update
    echo "confradar: updated comment $existing"
else
    "$gh" api --method POST "repos/$repo/issues/$pr/comments" \
        -F "body=@$body" >/dev/null || cannot post
    echo "confradar: posted the comment"
fi
