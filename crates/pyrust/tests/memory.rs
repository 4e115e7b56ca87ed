//! The heap limit counts live data: a loop that makes and drops many temporaries (strings,
//! lists, tuples, dicts, big ints) runs under a heap limit far smaller than everything it
//! allocates in total, because the collector reclaims what is no longer reachable.

use pyrust::{execute_python_with_limits, RunLimits};

#[test]
fn temporaries_are_collected_so_live_data_bounds_the_heap() {
    let limits = RunLimits {
        max_heap_bytes: 1 << 20,
        ..RunLimits::default()
    };
    // About 150 bytes of temporaries per iteration: 15 MB in all, under a 1 MiB limit.
    let code = "\
n = 0
for i in range(100000):
    s = 'x' * 20 + str(i)
    t = [i, i + 1, (i, s)]
    d = {'k': t}
    b = 2 ** 70 + i
    n += len(s) + len(d['k']) + b % 7
n";
    let result = execute_python_with_limits(code, limits).expect("no MemoryError");
    let expected: u64 = (0..100_000u64)
        .map(|i| {
            let big = (1u128 << 70) + u128::from(i);
            20 + i.to_string().len() as u64 + 3 + (big % 7) as u64
        })
        .sum();
    assert_eq!(result, expected.to_string());
}

#[test]
fn live_data_past_the_limit_is_still_a_memory_error() {
    let limits = RunLimits {
        max_heap_bytes: 1 << 20,
        ..RunLimits::default()
    };
    let code = "keep = []\nfor i in range(100000):\n    keep.append('x' * 20 + str(i))";
    let error = execute_python_with_limits(code, limits).unwrap_err();
    assert_eq!(error.python_type(), "MemoryError");
}

/// Generators, key functions and unpacking hold values in Rust while Python code runs and
/// allocates: under a small limit the collector runs in the middle of them, and every value
/// they still need must survive it (the answer is CPython's).
#[test]
fn collections_in_the_middle_of_nested_calls_keep_what_they_use() {
    let limits = RunLimits {
        max_heap_bytes: 300 << 10,
        ..RunLimits::default()
    };
    let code = "\
def words(n):
    return [str(i) * 3 for i in range(n)]
total = 0
for round in range(30):
    ws = words(200)
    total += sum(len(w + '!') for w in ws if w)
    total += len(sorted(ws, key=lambda w: (w[::-1], len(w))))
    g = (w.upper() + '?' for w in ws)
    first, *rest = g
    total += len(first) + len(rest)
    total += max((x * 2 for x in range(50)), key=lambda v: str(v))
total";
    let result = execute_python_with_limits(code, limits).expect("fits the limit");
    assert_eq!(result, "65130");
}

/// The strings-and-collections issue's bound: ten million temporary strings and lists, under
/// a 1 MiB heap limit (the live data is one string and one list at a time).
#[test]
fn ten_million_temporaries_stay_within_a_one_mebibyte_heap() {
    let limits = RunLimits {
        max_heap_bytes: 1 << 20,
        ..RunLimits::default()
    };
    let code = "\
for i in range(10000000):
    s = str(i)
    t = [i]
(len(s), t)";
    let result = execute_python_with_limits(code, limits).expect("fits the limit");
    assert_eq!(result, "(7, [9999999])");
}
