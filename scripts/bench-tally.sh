#!/usr/bin/env bash
# Times the whole `budgetbox tally FILE --rule RULE` process against the pabutools oracle on the
# same files, in the same run, and prints a Markdown table with the speed-up ratios.
#
# usage: scripts/bench-tally.sh [--bin PATH] [--runs N] [--with-add1-oracle] [FILE.pb ...]
#   --bin PATH          budgetbox binary (default target/release/budgetbox; build it first with
#                       `cargo build --release`)
#   --runs N            runs of our binary per case, best time kept (default 5); the oracle runs once
#   --with-add1-oracle  also time pabutools' mes-add1 (about 4 minutes on Łódź 2022); without it
#                       our mes-add1 is timed and the ratio left blank
#   FILE.pb             default: ../shared/pabulib/large/Poland_Lodz_2022.pb (approval: greedy,
#                       mes, mes-add1) and ../shared/pabulib/large/Poland_Krakow_2024.pb (ordinal:
#                       greedy, mes; the oracle has no MES for ordinal ballots)
# The oracle command comes from $BUDGETBOX_PABUTOOLS_ORACLE (default:
# "/work/venv-oracle/bin/python ../shared/tools/pabutools-oracle").
# Targets: ours >= 500x faster for greedy, >= 100x for MES.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=target/release/budgetbox
runs=5
add1_oracle=0
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --with-add1-oracle) add1_oracle=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
if [ ${#files[@]} -eq 0 ]; then
  files=(../shared/pabulib/large/Poland_Lodz_2022.pb ../shared/pabulib/large/Poland_Krakow_2024.pb)
fi
oracle=${BUDGETBOX_PABUTOOLS_ORACLE:-"/work/venv-oracle/bin/python ../shared/tools/pabutools-oracle"}
[ -x "$bin" ] || { echo "bench-tally: no binary at $bin (cargo build --release)" >&2; exit 1; }

now() { date +%s.%N; }
# Wall time of one command, output to a file.
timed() { local out=$1; shift; local s e; s=$(now); "$@" > "$out"; e=$(now); awk "BEGIN { print $e - $s }"; }
min() { printf '%s\n' "$@" | sort -g | head -1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "| file | rule | budgetbox (s, best of $runs) | pabutools (s) | ratio | same outcome |"
echo "|---|---|---|---|---|---|"
for file in "${files[@]}"; do
  vote_type=$(grep -m1 '^vote_type;' "$file" | cut -d';' -f2 | tr -d '\r')
  rules="greedy mes mes-add1"
  [ "$vote_type" = approval ] || [ "$vote_type" = choose-1 ] || rules="greedy mes"
  for rule in $rules; do
    times=()
    for _ in $(seq "$runs"); do
      times+=("$(timed "$tmp/ours" "$bin" tally "$file" --rule "$rule")")
    done
    ours=$(min "${times[@]}")
    theirs="" ratio="" same=""
    oracle_ok=1
    [ "$rule" = mes-add1 ] && [ $add1_oracle = 0 ] && oracle_ok=0
    [ "$rule" = mes ] && [ "$vote_type" != approval ] && [ "$vote_type" != choose-1 ] && oracle_ok=0
    if [ $oracle_ok = 1 ]; then
      # shellcheck disable=SC2086 # the oracle command is a program plus its arguments
      theirs=$(timed "$tmp/theirs" $oracle "$file" --rule "$rule")
      ratio=$(awk "BEGIN { printf \"%.0f\", $theirs / $ours }")
      if diff -q <(grep -v '^$' "$tmp/ours") <(grep -v '^$' "$tmp/theirs") > /dev/null; then
        same=yes
      else
        same=no
      fi
      theirs=$(printf '%.2f' "$theirs")
    fi
    printf '| %s | %s | %.3f | %s | %s | %s |\n' "$(basename "$file")" "$rule" "$ours" \
      "${theirs:-—}" "${ratio:+${ratio}×}" "${same:-—}"
  done
done
