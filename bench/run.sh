#!/usr/bin/env bash
# The speed benchmark (issues #6 and #16): how fast `confradar mentions`
# counts against ripgrep grepping for the same names and against
# Aho-Corasick alone over the same bytes (examples/ac_baseline.rs, the
# physical yardstick), how much slower `build` and `suggest` are, peak
# memory (with and without the cache of per-report counts), how much of a
# full build a build after adding 10 reports takes with the cache, and how
# time grows with the number of reports, up to an organization's 100,000.
#
# Usage, from the repository root (a fresh clone is fine):
#
#     bench/run.sh
#
# It builds the release binaries, writes synthetic corpora with
# examples/gen_corpus.rs (1,000, 10,000, 40,000 and 100,000 reports, 1,000
# technologies; about 10 KB a report, so the largest is about 1 GB), times each command with one warm-up
# run and RUNS timed runs (the commands taking turns, so a shared machine's
# changing load falls on all of them alike), and prints a results block that
# can be pasted into the README. Progress goes to stderr, the results to
# stdout. Both tools run on all cores, their default.
#
# Environment:
#   RUNS=5          timed runs per command; the median is reported
#   RG=rg           the ripgrep binary; without one the ripgrep comparison is
#                   skipped. The yardstick is ripgrep 15 (Debian's 13 is much
#                   slower); with RG unset, /work/rg15/bin/rg and
#                   ~/.cargo/bin/rg are tried before rg on PATH, and the
#                   results say which version ran
#   LARGE2=100000   the largest corpus; LARGE2=0 leaves it out
#   BENCH_DIR=target/bench-corpus
#                   scratch folder for corpora and build output; a corpus is
#                   reused while its parameters and the generator's source
#                   are unchanged
#   TECHNOLOGIES=1000, SEED=1
#                   corpus parameters
#
# Needs bash, coreutils, awk and cargo; GNU time at /usr/bin/time for peak
# memory (skipped without it).

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-target/bench-corpus}
TECHNOLOGIES=${TECHNOLOGIES:-1000}
SEED=${SEED:-1}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
CONFRADAR=$TARGET_DIR/release/confradar
GENERATOR=$TARGET_DIR/release/examples/gen_corpus
BASELINE=$TARGET_DIR/release/examples/ac_baseline
GNU_TIME=/usr/bin/time
# The report counts: the main corpus, and the points of the scaling line.
SMALL=1000
MAIN=10000
LARGE=40000
LARGE2=${LARGE2:-100000}
# Peak memory of `mentions` on the 10,000-report corpus before the scan
# was made compact (0.1.0 at commit 4d964ba: 24.9 MiB); the target is to
# stay within 10% of it.
MEM_BEFORE_MAIN=26.1

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"
[[ $LARGE2 =~ ^[0-9]+$ ]] || die "LARGE2 must be a number of reports, not '$LARGE2'"

# 12345 -> 12,345
thousands() { printf '%s' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
# awk does the arithmetic: bash has only integers.
calc() { awk "function max(a, b) { return a > b ? a : b } BEGIN { printf \"$1\", $2 }"; }
# "yes" when $1 <= $2.
meets() { awk -v v="$1" -v max="$2" 'BEGIN { print (v <= max) ? "yes" : "no" }'; }

corpus_dir() { printf '%s/r%s-t%s-s%s' "$BENCH_DIR" "$1" "$TECHNOLOGIES" "$SEED"; }

# Writes the corpus of $1 reports unless the same one is already there. The
# stamp is written last, so an interrupted generation is redone.
ensure_corpus() {
    local dir stamp
    dir=$(corpus_dir "$1")
    # The generator's source and the fastrand it draws from: nothing else in
    # Cargo.lock changes what it writes, and a gigabyte is slow to redo.
    stamp="reports=$1 technologies=$TECHNOLOGIES seed=$SEED generator=$({
        cat examples/gen_corpus.rs
        grep -A1 '^name = "fastrand"' Cargo.lock
    } | sha256sum | cut -d' ' -f1)"
    if [[ -f $dir/.stamp && $(<"$dir/.stamp") == "$stamp" ]]; then
        log "reusing $dir"
        return
    fi
    log "generating $(thousands "$1") reports into $dir"
    rm -rf "$dir"
    "$GENERATOR" --reports "$1" --technologies "$TECHNOLOGIES" --seed "$SEED" --out "$dir" >&2
    printf '%s\n' "$stamp" >"$dir/.stamp"
}

# Runs "$@" once with its output discarded (stderr kept for when it fails);
# prints the wall time in milliseconds.
wall_ms() {
    local start end
    start=$(date +%s%N)
    if ! "$@" >/dev/null 2>"$BENCH_DIR/stderr.txt"; then
        tail -n 20 "$BENCH_DIR/stderr.txt" >&2
        die "failed: $*"
    fi
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

# Prints the median of the millisecond times given, in seconds.
median_s() {
    printf '%s\n' "$@" | sort -n | awk '
        { t[NR] = $1 }
        END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.3f", m / 1000 }'
}

# Times the commands named (functions below) round-robin: a warm-up run of
# each, then RUNS rounds of one run each, so load that comes and goes on a
# shared machine falls on all of them alike rather than on whichever ran
# then. Sets MEDIAN[name] in seconds.
declare -A MEDIAN
time_round_robin() {
    local -A times
    local name ms round
    for name in "$@"; do
        log "warm-up: $name"
        wall_ms "$name" >/dev/null
    done
    for ((round = 1; round <= RUNS; round++)); do
        for name in "$@"; do
            ms=$(wall_ms "$name")
            log "round $round/$RUNS: $name $(calc '%.3f' "$ms / 1000") s"
            times[$name]+="$ms "
        done
    done
    for name in "$@"; do
        # Word splitting of the list is wanted here.
        # shellcheck disable=SC2086
        MEDIAN[$name]=$(median_s ${times[$name]})
    done
}

# Peak memory (max RSS) of `mentions` on corpus $1, in MB (10^6 bytes).
mentions_peak_mb() {
    local report=$BENCH_DIR/time.txt
    wall_ms "$GNU_TIME" -v -o "$report" "$CONFRADAR" --config "$1/radar.toml" "${@:2}" mentions --format csv >/dev/null
    calc '%.1f' "$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$report") * 1024 / 1e6"
}

# CPU ticks of the whole machine, busy (steal included) and in all; and the
# ticks this script's finished children used. Over the timed runs, busy
# minus ours is what other work took, which skews the times.
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }
own_ticks() { sed 's/.*) //' "/proc/$$/stat" | awk '{ print $14 + $15 }'; }

# The scan itself is timed: --no-cache, or every run after the first would
# take its counts from the cache (timed on its own below).
mentions() { "$CONFRADAR" --config "$1/radar.toml" --no-cache mentions --format csv; }
ripgrep() { "$RG_BIN" --count-matches --ignore-case --fixed-strings -f "$1/aliases.txt" "$1/reports"; }
baseline() { "$BASELINE" "$1/aliases.txt" "$1/reports"; }
build() { "$CONFRADAR" --config "$1/radar.toml" --no-cache build --out "$BENCH_DIR/build-output"; }
# With the cache, as a user runs it.
cached_build() { "$CONFRADAR" --config "$1/radar.toml" build --out "$BENCH_DIR/build-output"; }

# --- tools -----------------------------------------------------------------

if [[ -n ${RG:-} ]]; then
    RG_BIN=$(command -v "$RG" || true)
else
    RG_BIN=
    for candidate in /work/rg15/bin/rg "$HOME/.cargo/bin/rg" rg; do
        RG_BIN=$(command -v "$candidate" || true)
        [[ -n $RG_BIN ]] && break
    done
fi
if [[ -z $RG_BIN ]]; then
    RG_NOTE="ripgrep comparison skipped: '${RG:-rg}' not found (put rg on PATH or set RG=/path/to/rg)"
    log "$RG_NOTE"
fi
HAVE_TIME=yes
if ! "$GNU_TIME" -v -o /dev/null true 2>/dev/null; then
    HAVE_TIME=
    TIME_NOTE="peak memory skipped: no GNU time at $GNU_TIME (apt-get install time)"
    log "$TIME_NOTE"
fi

log "building release binaries"
cargo build --release --quiet --bins --example gen_corpus --example ac_baseline
if [[ -n $RG_BIN ]]; then
    RG_VERSION=$("$RG_BIN" --version | head -n1)
    log "ripgrep: $RG_BIN ($RG_VERSION)"
    [[ $RG_VERSION =~ ^ripgrep\ (1[5-9]|[2-9][0-9]) ]] ||
        log "warning: $RG_VERSION is older than ripgrep 15, the yardstick (cargo install ripgrep)"
fi

mkdir -p "$BENCH_DIR"
for reports in $SMALL $MAIN $LARGE; do
    ensure_corpus "$reports"
done
((LARGE2 > 0)) && ensure_corpus "$LARGE2"
C_SMALL=$(corpus_dir $SMALL)
C_MAIN=$(corpus_dir $MAIN)
C_LARGE=$(corpus_dir $LARGE)
C_LARGE2=$(corpus_dir "$LARGE2")

# --- measurements ----------------------------------------------------------

mentions_main() { mentions "$C_MAIN"; }
rg_main() { ripgrep "$C_MAIN"; }
build_main() { build "$C_MAIN"; }
# suggest counts the shipped dictionary's 1,480 names in the same scan.
suggest_main() { "$CONFRADAR" --config "$C_MAIN/radar.toml" suggest --format json; }
mentions_small() { mentions "$C_SMALL"; }
mentions_large() { mentions "$C_LARGE"; }
mentions_large2() { mentions "$C_LARGE2"; }
rg_large2() { ripgrep "$C_LARGE2"; }
baseline_large() { baseline "$C_LARGE"; }
baseline_large2() { baseline "$C_LARGE2"; }
read -r BUSY_START ALL_START < <(machine_ticks)
OWN_START=$(own_ticks)
COMMANDS=(mentions_main build_main suggest_main mentions_small mentions_large baseline_large)
[[ -n $RG_BIN ]] && COMMANDS+=(rg_main)
if ((LARGE2 > 0)); then
    COMMANDS+=(mentions_large2 baseline_large2)
    [[ -n $RG_BIN ]] && COMMANDS+=(rg_large2)
fi
time_round_robin "${COMMANDS[@]}"
read -r BUSY_END ALL_END < <(machine_ticks)
OTHER_LOAD=$(calc '%.0f' "max(0, 100 * ($BUSY_END - $BUSY_START - ($(own_ticks) - $OWN_START)) / ($ALL_END - $ALL_START))")
T_MENTIONS=${MEDIAN[mentions_main]}
T_RG=${MEDIAN[rg_main]:-}
T_BUILD=${MEDIAN[build_main]}
T_SUGGEST=${MEDIAN[suggest_main]}
T_SMALL=${MEDIAN[mentions_small]}
T_LARGE=${MEDIAN[mentions_large]}
T_LARGE2=${MEDIAN[mentions_large2]:-}
T_RG2=${MEDIAN[rg_large2]:-}
T_AC=${MEDIAN[baseline_large]}
T_AC2=${MEDIAN[baseline_large2]:-}
if [[ -n $HAVE_TIME ]]; then
    log "peak memory"
    MEM_MAIN=$(mentions_peak_mb "$C_MAIN" --no-cache)
    MEM_LARGE=$(mentions_peak_mb "$C_LARGE" --no-cache)
    if ((LARGE2 > 0)); then
        MEM_LARGE2=$(mentions_peak_mb "$C_LARGE2" --no-cache)
        # As a user runs it: the first run writes the cache, later ones read it.
        rm -rf "$C_LARGE2/.confradar-cache"
        MEM_LARGE2_COLD=$(mentions_peak_mb "$C_LARGE2")
        MEM_LARGE2_WARM=$(mentions_peak_mb "$C_LARGE2")
        rm -rf "$C_LARGE2/.confradar-cache"
    fi
fi

# Incremental: a build with the cache from scratch, against one after
# NEW_REPORTS reports were added to the LARGE corpus (copies of existing
# reports under new names, removed again afterwards, so the corpus stays
# as generated).
NEW_REPORTS=10
add_reports() {
    local -a files
    # Not `| head`: with pipefail, the list cut short would fail the script.
    mapfile -t files < <(find "$C_LARGE/reports" -name '*.md' ! -name '*-added.md' | sort)
    local file
    for file in "${files[@]:0:NEW_REPORTS}"; do cp "$file" "${file%.md}-added.md"; done
}
remove_added() { find "$C_LARGE/reports" -name '*-added.md' -delete; }
remove_added
declare -a COLD_MS WARM_MS
for ((round = 1; round <= RUNS; round++)); do
    rm -rf "$C_LARGE/.confradar-cache"
    COLD_MS+=("$(wall_ms cached_build "$C_LARGE")")
    add_reports
    WARM_MS+=("$(wall_ms cached_build "$C_LARGE")")
    remove_added
    log "round $round/$RUNS: cold build $(calc '%.3f' "${COLD_MS[-1]} / 1000") s, after adding $NEW_REPORTS reports $(calc '%.3f' "${WARM_MS[-1]} / 1000") s"
done
rm -rf "$C_LARGE/.confradar-cache"
T_COLD=$(median_s "${COLD_MS[@]}")
T_WARM=$(median_s "${WARM_MS[@]}")

# --- results ---------------------------------------------------------------

size_mb() { calc '%.1f' "$(du -sb "$1/reports" | cut -f1) / 1e6"; }
size_bytes() { du -sb "$1/reports" | cut -f1; }
cpu=$( (grep -m1 'model name' /proc/cpuinfo || true) | cut -d: -f2- | sed 's/^ *//')
rg_version=${RG_BIN:+$RG_VERSION ($RG_BIN)}
revision=$(git describe --always --dirty 2>/dev/null || echo "no git")
patterns=$(wc -l <"$C_MAIN/aliases.txt")

row() { printf '| %-48s | %-26s | %-8s | %-3s |\n' "$@"; }
# ratio_row LABEL NUMERATOR DENOMINATOR MAX
ratio_row() {
    local ratio
    ratio=$(calc '%.2f' "$2 / $3")
    row "$1" "$ratio" "<= $4" "$(meets "$ratio" "$4")"
}
# memory_row LABEL MB
memory_row() { row "$1" "$2 MB" "<= 64 MB" "$(meets "$2" 64)"; }

echo "## Benchmark"
echo
echo "- machine: ${cpu:-$(uname -m)}, $(nproc) cores (nproc), Linux $(uname -r)"
echo "- tools: $("$CONFRADAR" --version) ($revision), ${rg_version:-ripgrep not installed}, $(rustc --version | cut -d' ' -f1-2)"
echo "- corpus: examples/gen_corpus.rs, seed $SEED, $(thousands "$TECHNOLOGIES") technologies ($(thousands "$patterns") names and aliases);" \
    "$(thousands $SMALL) / $(thousands $MAIN) / $(thousands $LARGE) reports = $(size_mb "$C_SMALL") / $(size_mb "$C_MAIN") / $(size_mb "$C_LARGE") MB" \
    "${T_LARGE2:+/ $(thousands "$LARGE2") reports = $(size_mb "$C_LARGE2") MB}"
echo "- method: warm cache, 1 warm-up run then median wall time of $RUNS runs, the commands taking turns; both tools on all cores"
echo "- other load: $OTHER_LOAD% of the machine's CPU time went to other processes during the timed runs (near 0 on a quiet machine)"
echo
row "measurement ($(thousands $MAIN) reports unless noted)" "result" "target" "met"
row "------------------------------------------------" "--------------------------" "--------" "---"
row "confradar mentions --format csv" "$T_MENTIONS s" "" ""
if [[ -n $RG_BIN ]]; then
    row "rg --count-matches -i -F -f aliases.txt" "$T_RG s" "" ""
    ratio_row "mentions / rg" "$T_MENTIONS" "$T_RG" 0.65
else
    row "rg --count-matches -i -F -f aliases.txt" "skipped" "" ""
fi
row "confradar build --out DIR" "$T_BUILD s" "" ""
ratio_row "build / mentions" "$T_BUILD" "$T_MENTIONS" 1.25
row "confradar suggest --format json" "$T_SUGGEST s" "" ""
ratio_row "suggest / mentions (the dictionary's cost)" "$T_SUGGEST" "$T_MENTIONS" 1.25
row "build, $(thousands $LARGE) reports, cache from scratch" "$T_COLD s" "" ""
row "build after adding $NEW_REPORTS reports, cache kept" "$T_WARM s" "" ""
ratio_row "incremental / from scratch" "$T_WARM" "$T_COLD" 0.15
if [[ -n $HAVE_TIME ]]; then
    memory_row "peak memory (max RSS) of mentions" "$MEM_MAIN"
    row "  the same, before this work (0.1.0 at stop 18)" "$MEM_BEFORE_MAIN MB" "" ""
    ratio_row "  peak memory, now / before" "$MEM_MAIN" "$MEM_BEFORE_MAIN" 1.10
    memory_row "peak memory of mentions, $(thousands $LARGE) reports" "$MEM_LARGE"
else
    row "peak memory (max RSS) of mentions" "skipped" "" ""
fi
row "mentions, $(thousands $SMALL) / $(thousands $MAIN) / $(thousands $LARGE) reports" "$T_SMALL / $T_MENTIONS / $T_LARGE s" "" ""
ratio_row "scaling: $(thousands $LARGE) / $(thousands $MAIN) reports" "$T_LARGE" "$T_MENTIONS" 4.50
ratio_row "mentions / Aho-Corasick alone, $(thousands $LARGE) reports" "$T_LARGE" "$T_AC" 1.25
if [[ -n $T_LARGE2 ]]; then
    L2=$(thousands "$LARGE2")
    row "mentions, $L2 reports" "$T_LARGE2 s" "" ""
    row "Aho-Corasick alone (ac_baseline), $L2 reports" "$T_AC2 s" "" ""
    ratio_row "mentions / Aho-Corasick alone, $L2 reports" "$T_LARGE2" "$T_AC2" 1.25
    if [[ -n $T_RG2 ]]; then
        row "rg, $L2 reports" "$T_RG2 s" "" ""
        ratio_row "mentions / rg, $L2 reports" "$T_LARGE2" "$T_RG2" 1.00
    fi
    # The slope between the two largest corpora: what each further byte
    # costs, start-up and the fixed work left out.
    slope() { calc '%.0f' "($(size_bytes "$C_LARGE2") - $(size_bytes "$C_LARGE")) / max(0.001, $1 - $2) / 1e6"; }
    SLOPE=$(slope "$T_LARGE2" "$T_LARGE")
    row "throughput, $(thousands $LARGE) -> $L2 slope" "$SLOPE MB/s" ">= 400" "$(awk -v v="$SLOPE" 'BEGIN { print (v >= 400) ? "yes" : "no" }')"
    row "Aho-Corasick alone, same slope" "$(slope "$T_AC2" "$T_AC") MB/s" "" ""
    if [[ -n $HAVE_TIME ]]; then
        memory_row "peak memory of mentions, $L2 reports" "$MEM_LARGE2"
        memory_row "  the same, writing the cache (first run)" "$MEM_LARGE2_COLD"
        memory_row "  the same, reading the cache (next run)" "$MEM_LARGE2_WARM"
    fi
fi
for note in "${RG_NOTE:-}" "${TIME_NOTE:-}"; do
    [[ -n $note ]] && printf '\n%s\n' "$note"
done
exit 0
