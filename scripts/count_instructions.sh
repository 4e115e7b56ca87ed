#!/bin/bash
# Instructions per warm `execute_python` call for a set of small programs, by callgrind:
# (cost of 20,000 runs - cost of 1 run) / 19,999, so process start-up and the first (cold)
# call cancel out. Deterministic, unlike wall-clock time on a shared machine.
#
# usage: cargo build --release -p pyrust-benches --example profile
#        scripts/count_instructions.sh [target/release/examples/profile]
set -euo pipefail
bin=${1:-target/release/examples/profile}
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 |
        awk '/refs:/ { gsub(",", "", $4); print $4 }'
}
while IFS= read -r -d '' source; do
    many=$(count "$source" 20000)
    one=$(count "$source" 1)
    printf "%-40s %8.0f\n" "$(printf %s "$source" | tr '\n' ';')" \
        "$(echo "($many - $one) / 19999" | bc -l)"
done < <(printf '%s\0' "" "5" "2 + 3" "2 + 3 + 4 + 5" "(10 + 20) * 3 / 2" \
    $'x = 10\ny = 20\nx + y' "print(42)" $'s = \'abc\'\ns' \
    $'def f(a, b):\n    return a + b\nf(1, 2)')
