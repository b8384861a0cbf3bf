#!/usr/bin/env bash
# Installs replay-tui under a prefix (default ~/.local), or removes it again:
#
#   scripts/install.sh [--binary PATH] [PREFIX]     build (release) and install
#   scripts/install.sh --uninstall [PREFIX]         remove what it installed
#
#   PREFIX/bin/replay-tui                                      the program
#   PREFIX/share/man/man1/replay-tui.1                         the man page (docs/replay-tui.1)
#   PREFIX/share/bash-completion/completions/replay-tui        bash completions
#   PREFIX/share/zsh/site-functions/_replay-tui                zsh completions
#   PREFIX/share/fish/vendor_completions.d/replay-tui.fish     fish completions
#
# --binary PATH installs that replay-tui instead of building one (the tests use it).
# Running it again replaces the files with new ones; each is written whole (a temporary
# file renamed into place). It prints what it put where.
set -euo pipefail

usage="usage: scripts/install.sh [--binary PATH] [PREFIX] | scripts/install.sh --uninstall [PREFIX]"
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
prefix=""
binary=""
uninstall=false
while (($#)); do
    case "$1" in
        --uninstall) uninstall=true ;;
        --binary)
            (($# >= 2)) || { echo "install.sh: --binary needs a path" >&2; echo "$usage" >&2; exit 1; }
            binary="$2"
            shift
            ;;
        -h | --help) echo "$usage"; exit 0 ;;
        -*) echo "install.sh: unknown option $1" >&2; echo "$usage" >&2; exit 1 ;;
        *)
            [[ -z "$prefix" ]] || { echo "install.sh: one PREFIX only (got $prefix and $1)" >&2; exit 1; }
            prefix="$1"
            ;;
    esac
    shift
done
prefix="${prefix:-$HOME/.local}"
[[ "$prefix" == /* ]] || prefix="$(pwd)/$prefix"

program="$prefix/bin/replay-tui"
manual="$prefix/share/man/man1/replay-tui.1"
bash_completion="$prefix/share/bash-completion/completions/replay-tui"
zsh_completion="$prefix/share/zsh/site-functions/_replay-tui"
fish_completion="$prefix/share/fish/vendor_completions.d/replay-tui.fish"

if $uninstall; then
    for file in "$program" "$manual" "$bash_completion" "$zsh_completion" "$fish_completion"; do
        if [[ -e "$file" ]]; then
            rm -f "$file"
            echo "removed $file"
        else
            echo "not there: $file"
        fi
    done
    exit 0
fi

if [[ -z "$binary" ]]; then
    echo "building replay-tui (release) in $source_dir ..."
    (cd "$source_dir" && swift build -c release --product replay-tui)
    binary="$(cd "$source_dir" && swift build -c release --show-bin-path)/replay-tui"
fi
[[ -x "$binary" ]] || { echo "install.sh: $binary is not an executable replay-tui" >&2; exit 1; }

# put SOURCE DESTINATION MODE: copies whole, then renames into place.
put() {
    mkdir -p "$(dirname "$2")"
    local temporary
    temporary="$(dirname "$2")/.$(basename "$2").tmp-$$"
    cp "$1" "$temporary"
    chmod "$3" "$temporary"
    mv -f "$temporary" "$2"
    echo "installed $2"
}

put "$binary" "$program" 755
put "$source_dir/docs/replay-tui.1" "$manual" 644
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for shell in bash zsh fish; do
    "$program" --generate-completion-script "$shell" >"$scratch/$shell"
done
put "$scratch/bash" "$bash_completion" 644
put "$scratch/zsh" "$zsh_completion" 644
put "$scratch/fish" "$fish_completion" 644

case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; add it to use replay-tui by name" ;;
esac
echo "done: replay-tui --version says: $("$program" --version); man replay-tui (or man -l $manual) shows the manual"
