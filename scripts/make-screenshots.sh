#!/usr/bin/env bash
# Regenerates screenshots/*.svg from the bundled example with the program's own renderer
# (replay-tui render), never by hand. Run from anywhere: bash scripts/make-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product replay-tui >/dev/null
bin=.build/release/replay-tui
trace=examples/bank-crash.json
"$bin" render "$trace" --at start --size 120x40 --format svg --theme dark -o screenshots/start.svg
"$bin" render "$trace" --at 21 --size 120x40 --format svg --theme dark -o screenshots/mid-run-diff.svg
"$bin" render "$trace" --at crash --size 120x40 --format svg --theme dark -o screenshots/crash.svg
"$bin" render "$trace" --at crash --size 120x40 --format svg --theme light -o screenshots/crash-light.svg
"$bin" render examples/replayx-bank.json --at 3 --size 120x40 --format svg --theme dark -o screenshots/replayx-elixir.svg
ls -l screenshots
