#!/usr/bin/env bash
# Fuzzes ReplayCore with libFuzzer (SwiftPM has no fuzz command). See docs/reliability.md, "Fuzzing".
#
#   scripts/fuzz.sh list                       the targets, as Fuzz/targets lists them
#   scripts/fuzz.sh build [TARGET...]          build the fuzz binaries (all by default)
#   scripts/fuzz.sh smoke [--time SECONDS]     build all, fuzz each for its share of SECONDS
#                                              (default 60), two at a time: what CI runs
#   scripts/fuzz.sh run TARGET... [--time SECONDS] [--jobs N] [-- LIBFUZZER_FLAGS...]
#                                              fuzz each for SECONDS (default 600), N at a time (default 1)
#
# ReplayCore and its dependencies are built once, instrumented (-sanitize=fuzzer,address), by
# SwiftPM in a scratch directory of their own; Fuzz/Support is compiled once into a module;
# each Fuzz/TARGET/main.swift is linked with both into a libFuzzer binary. Everything is
# rebuilt only when its sources change.
#
# A run first replays the target's regression inputs (Tests/ReplayCoreTests/Fixtures/
# fuzz-regressions/TARGET), then fuzzes from a corpus kept in the build directory, seeded
# from the files Fuzz/targets names. Exits 1 when an input crashes, breaks a property, hangs
# or exhausts memory, printing the report and the reproducer's path; 2 on a usage or build
# error.
#
# Environment: FUZZ_BUILD_DIR (default .build-fuzz in the repository; git-ignored).
set -euo pipefail

# One block, read whole before it runs, so that editing this file during a long run is safe.
{
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_dir="$root/Fuzz"
regressions="$root/Tests/ReplayCoreTests/Fixtures/fuzz-regressions"
build="${FUZZ_BUILD_DIR:-$root/.build-fuzz}"

usage() {
    sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

die() {
    echo "fuzz.sh: $*" >&2
    exit 2
}

# MARK: Targets

# Fuzz/targets: one line a target, its name (the folder Fuzz/NAME holding main.swift), then
# the files and folders of the repository whose files seed its corpus.
declare -A seed_paths=()
known=()
while read -r name paths; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ -f "$fuzz_dir/$name/main.swift" ]] || die "Fuzz/targets names $name, but Fuzz/$name/main.swift does not exist"
    known+=("$name")
    seed_paths[$name]="$paths"
done <"$fuzz_dir/targets"

# The targets named on the command line (all when none), each checked.
pick_targets() {
    local name
    targets=("$@")
    ((${#targets[@]})) || targets=("${known[@]}")
    for name in "${targets[@]}"; do
        [[ -v "seed_paths[$name]" ]] || die "unknown target '$name'; targets are: ${known[*]}"
    done
}

# MARK: Arguments

command="${1:-}"
(($#)) && shift
names=()
seconds=""
jobs=1
libfuzzer_extra=()
while (($#)); do
    case "$1" in
        --time) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--time needs a number of seconds"; seconds="$2"; shift 2 ;;
        --jobs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--jobs needs a positive number"; jobs="$2"; shift 2 ;;
        --) shift; libfuzzer_extra=("$@"); break ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) names+=("$1"); shift ;;
    esac
done

case "$command" in
    list) printf '%s\n' "${known[@]}"; exit 0 ;;
    build) pick_targets "${names[@]}" ;;
    smoke)
        ((${#names[@]} == 0)) || die "smoke runs every target; use run for some"
        pick_targets
        jobs=2
        # Two at a time, in rounds that share the total between them; at least 5 seconds.
        share=$((${seconds:-60} / ((${#targets[@]} + jobs - 1) / jobs)))
        seconds=$((share < 5 ? 5 : share))
        ;;
    run)
        ((${#names[@]})) || die "run needs at least one target; targets are: ${known[*]}"
        pick_targets "${names[@]}"
        seconds="${seconds:-600}"
        ;;
    -h | --help | help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac

command -v swift >/dev/null || die "swift is not on PATH"
swiftc="$(command -v swiftc)" || die "swiftc is not on PATH"
toolbin="$(dirname "$(readlink -f "$swiftc")")"
mkdir -p "$build/bin" "$build/logs" "$build/support"
build="$(cd "$build" && pwd)"
started=$SECONDS

# MARK: Building

# ReplayCore and what it depends on, as SwiftPM builds them, instrumented. Only ReplayCore's
# dependency closure is built in this scratch directory, so its object files are exactly
# what a fuzz binary links; when the package graph or the compiler changes, start over so
# that no object of a dropped dependency stays behind.
spm="$build/spm"
spm_args=(--package-path "$root" --scratch-path "$spm" -c release -Xswiftc -sanitize=fuzzer,address)
swift package --package-path "$root" --scratch-path "$spm" resolve >"$build/build.log" 2>&1 \
    || { tail -20 "$build/build.log" >&2; die "resolving the package failed"; }
stamp="$(cat "$root/Package.swift" "$root/Package.resolved" 2>/dev/null | cksum; "$swiftc" --version 2>&1 | head -1)"
if [[ "$(cat "$build/package.stamp" 2>/dev/null)" != "$stamp" ]]; then
    rm -rf "$spm/release" "$spm/x86_64-unknown-linux-gnu" "$spm/aarch64-unknown-linux-gnu" "$build/support" "$build/bin"
    mkdir -p "$build/bin" "$build/support"
fi
echo "fuzz.sh: building ReplayCore with -sanitize=fuzzer,address (log: $build/build.log)"
if ! swift build "${spm_args[@]}" --target ReplayCore >>"$build/build.log" 2>&1; then
    grep -E -A3 "error:" "$build/build.log" | head -40 >&2 || tail -40 "$build/build.log" >&2
    die "building ReplayCore failed; see $build/build.log"
fi
echo "$stamp" >"$build/package.stamp"
bin_path="$(swift build "${spm_args[@]}" --show-bin-path)"
objects=("$bin_path"/*.build/*.o)
[[ -e "${objects[0]}" ]] || die "no object files under $bin_path"

# The C modules ReplayCore imports are found through their module maps: a system
# library's (CZlib) in its sources, a C target's (CCores) where SwiftPM made it.
module_maps=()
for map in "$root"/Sources/*/module.modulemap "$bin_path"/*.build/module.modulemap; do
    [[ -e "$map" ]] && module_maps+=(-Xcc "-fmodule-map-file=$map")
done
swift_flags=(-O -g -swift-version 6 -sanitize=fuzzer,address -parse-as-library
    -I "$bin_path/Modules" -I "$build/support" "${module_maps[@]}")

# True when `output` is missing, older than any of the files after it, or was built from
# other files (one was added or removed); `built` records what it was built from.
stale() {
    local output="$1" file
    shift
    [[ -e "$output" && "$(cat "$output.inputs" 2>/dev/null)" == "$(printf '%s\n' "$@")" ]] || return 0
    for file in "$@"; do
        [[ "$file" -nt "$output" ]] && return 0
    done
    return 1
}
built() {
    local output="$1"
    shift
    printf '%s\n' "$@" >"$output.inputs"
}

# Fuzz/Support: the checks the targets share, one module.
support_sources=("$fuzz_dir"/Support/*.swift)
support="$build/support/FuzzSupport.o"
if stale "$support" "${support_sources[@]}" "${objects[@]}"; then
    "$swiftc" "${swift_flags[@]}" -module-name FuzzSupport -whole-module-optimization \
        -emit-module -emit-module-path "$build/support/FuzzSupport.swiftmodule" \
        -c "${support_sources[@]}" -o "$support" >"$build/logs/support.build.log" 2>&1 \
        || { grep -E -A3 "error:" "$build/logs/support.build.log" | head -40 >&2; die "building Fuzz/Support failed"; }
    built "$support" "${support_sources[@]}" "${objects[@]}"
fi

linker=()
[[ -x "$toolbin/ld.lld" ]] && linker=(-use-ld=lld)
link_target() {
    local name="$1"
    local sources=("$fuzz_dir/$name"/*.swift)
    stale "$build/bin/$name" "${sources[@]}" "$support" "${objects[@]}" || return 0
    "$swiftc" "${swift_flags[@]}" "${linker[@]}" -module-name "fuzz_${name//[^A-Za-z0-9_]/_}" \
        "${sources[@]}" "$support" "${objects[@]}" -lz \
        -o "$build/bin/$name" >"$build/logs/$name.build.log" 2>&1 \
        && built "$build/bin/$name" "${sources[@]}" "$support" "${objects[@]}"
}

# Links the targets two at a time (the machine has two cores).
failed=()
pending=()
for name in "${targets[@]}"; do
    link_target "$name" &
    pending+=("$!:$name")
    if ((${#pending[@]} == 2)) || [[ "$name" == "${targets[-1]}" ]]; then
        for entry in "${pending[@]}"; do
            wait "${entry%%:*}" || failed+=("${entry#*:}")
        done
        pending=()
    fi
done
for name in "${failed[@]}"; do
    grep -E -A3 "error:" "$build/logs/$name.build.log" | head -40 >&2 || true
    echo "fuzz.sh: $name: build failed; see $build/logs/$name.build.log" >&2
done
((${#failed[@]} == 0)) || exit 2
echo "fuzz.sh: built ${targets[*]} in $((SECONDS - started))s"
[[ "$command" == build ]] && exit 0

# MARK: Fuzzing

symbolizer="$toolbin/llvm-symbolizer"
[[ -x "$symbolizer" ]] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# Swift's own crash backtracer would fight the sanitizer for the signal; libFuzzer reports.
export SWIFT_BACKTRACE=enable=no
# Every input gets 10 seconds and 2 GB.
limits=(-timeout=10 -rss_limit_mb=2048)

# Copies the seeds Fuzz/targets names for `name` into `dir`, each under a name made from its
# path; an executable Fuzz/NAME/seeds is then run with `dir` to add seeds of its own making.
seed_corpus() {
    local name="$1" dir="$2" path file flat
    rm -rf "$dir"
    mkdir -p "$dir"
    for path in ${seed_paths[$name]}; do
        [[ -e "$root/$path" ]] || die "Fuzz/targets: $name's seed path $path does not exist"
        while IFS= read -r -d '' file; do
            flat="${file#"$root"/}"
            cp "$file" "$dir/${flat//\//_}"
        done < <(find "$root/$path" -type f ! -name '*.expected' -print0)
    done
    if [[ -x "$fuzz_dir/$name/seeds" ]]; then
        "$fuzz_dir/$name/seeds" "$dir" || die "Fuzz/$name/seeds failed"
    fi
}

# Runs one target: its regression inputs once each, then the fuzzer for `seconds`. Writes
# what failed to $build/logs/NAME.result.
run_target() {
    local name="$1"
    local binary="$build/bin/$name" log="$build/logs/$name.log" result="$build/logs/$name.result"
    local corpus="$build/corpus/$name" seeds="$build/seeds/$name" artifacts="$build/artifacts/$name/"
    local dict="$build/$name.dict" flags=("${limits[@]}" -max_len=65536 -print_final_stats=1) status=0 file
    rm -f "$result"
    mkdir -p "$corpus" "$artifacts"
    : >"$log"

    local replays=()
    [[ -d "$regressions/$name" ]] && mapfile -t replays < <(find "$regressions/$name" -type f ! -name '*.expected' | sort)
    if ((${#replays[@]})) && ! "$binary" "${limits[@]}" "${replays[@]}" >>"$log" 2>&1; then
        echo "regression $(grep -o 'Running: .*' "$log" | tail -1 | sed 's/^Running: //')" >"$result"
        return 1
    fi

    seed_corpus "$name" "$seeds"
    cat "$fuzz_dir"/Support/*.dict "$fuzz_dir/$name"/*.dict >"$dict" 2>/dev/null || true
    [[ -s "$dict" ]] && flags+=("-dict=$dict")
    "$binary" "${flags[@]}" "-max_total_time=$seconds" "-artifact_prefix=$artifacts" "${libfuzzer_extra[@]}" \
        "$corpus" "$seeds" >>"$log" 2>&1 || status=$?
    if ((status != 0)); then
        file="$(grep -o 'Test unit written to .*' "$log" | tail -1 | sed 's/^Test unit written to //')"
        echo "crash ${file:-"(none written; exit status $status)"}" >"$result"
        return 1
    fi
}

# One line for a target that passed: libFuzzer's last status line.
summarise() {
    local stats
    stats="$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE|INITED)' "$build/logs/$1.log" | tail -1 | sed -E 's/[[:space:]]+/ /g')"
    echo "fuzz.sh: $1: ok ${stats:+($stats)}"
}

# The report of a target that failed, and how to reproduce it and keep it as a regression.
report_failure() {
    local name="$1" log="$build/logs/$1.log" kind file
    read -r kind file <"$build/logs/$name.result"
    echo "fuzz.sh: $name: FAILED (log: $log)" >&2
    awk '/==FUZZ==|==[0-9]+==ERROR|ERROR: libFuzzer|Fatal error|deadly signal|SUMMARY:/ { show = 1 } show' "$log" \
        | grep -v '^MS: \|^artifact_prefix\|^Base64' | head -60 >&2
    if [[ "$kind" == regression ]]; then
        echo "fuzz.sh: $name: a regression input fails again: $file" >&2
    else
        echo "fuzz.sh: $name: reproducer: $file" >&2
        echo "fuzz.sh: once fixed, keep it: cp $file $regressions/$name/NAME-WHAT-IT-BROKE" >&2
    fi
    echo "fuzz.sh: reproduce with: $build/bin/$name $file" >&2
}

echo "fuzz.sh: fuzzing ${targets[*]} for ${seconds}s each, $jobs at a time (logs in $build/logs)"
declare -A running=()
failures=0
# Waits for one running target to finish and reports it.
finish_one() {
    local pid name
    wait -n -p pid "${!running[@]}" || true
    name="${running[$pid]}"
    unset "running[$pid]"
    if [[ -f "$build/logs/$name.result" ]]; then
        report_failure "$name"
        failures=$((failures + 1))
    else
        summarise "$name"
    fi
}
for name in "${targets[@]}"; do
    while ((${#running[@]} >= jobs)); do finish_one; done
    run_target "$name" &
    running[$!]="$name"
done
while ((${#running[@]})); do finish_one; done

echo "fuzz.sh: done in $((SECONDS - started))s: ${#targets[@]} target(s), $failures failed"
((failures == 0)) || exit 1
exit
}
