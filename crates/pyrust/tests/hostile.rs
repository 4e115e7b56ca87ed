//! The hostile corpus: programs written to hang, exhaust memory or overflow stacks. Each runs
//! in this process, on a thread with a deliberately small (256 KiB) native stack, under tight
//! limits, and must end with the expected Python-style error. A normal program runs last in
//! the same process to show nothing was damaged.

use pyrust::{execute_python_with_limits, RunLimits};

const LIMITS: RunLimits = RunLimits {
    max_call_depth: 1000,
    max_steps: 2_000_000,
    max_heap_bytes: 64 << 20,
    max_duration: Some(std::time::Duration::from_secs(10)),
    max_source_bytes: 16 << 20,
    max_nesting_depth: 600,
};

fn run_on_small_stack(code: String) -> Result<String, pyrust::PyRustError> {
    std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || execute_python_with_limits(&code, LIMITS))
        .expect("spawn")
        .join()
        .expect("the run must not panic")
}

#[test]
fn hostile_programs_stop_with_the_right_error() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "endless loop",
            "while True:\n    pass".into(),
            "TimeoutError",
        ),
        (
            "endless loop with calls",
            "def f():\n    return 1\nwhile True:\n    f()".into(),
            "TimeoutError",
        ),
        (
            "runaway recursion",
            "def f():\n    return f()\nf()".into(),
            "RecursionError",
        ),
        (
            "mutual recursion",
            "def a(n):\n    return b(n)\ndef b(n):\n    return a(n)\na(1)".into(),
            "RecursionError",
        ),
        (
            "exponential calls",
            "def f(n):\n    return 0 if n == 0 else f(n - 1) + f(n - 1)\nf(60)".into(),
            "TimeoutError",
        ),
        (
            "squaring forever",
            "x = 2\nwhile True:\n    x = x * x".into(),
            // Each squaring is charged its multiplication work, so the step budget runs
            // out before the numbers reach the memory limit.
            "TimeoutError",
        ),
        ("huge power", "x = 3 ** (2 ** 40)".into(), "MemoryError"),
        (
            "deeply nested list repr",
            "x = []\nfor i in range(100000):\n    x = [x]\nprint(x)".into(),
            "RecursionError",
        ),
        (
            "repr of shared structure (2**100 leaves)",
            "x = ['y' * 100000]\nfor i in range(100):\n    x = [x, x]\nprint(x)".into(),
            // Release builds write the 64 MiB the limit allows in well under the deadline;
            // unoptimised test builds may reach the deadline first. Either way it stops.
            "MemoryError|TimeoutError",
        ),
        (
            "huge list repetition",
            "x = [0] * 10 ** 12".into(),
            "MemoryError",
        ),
        (
            "huge zfill",
            "x = 'a'.zfill(10 ** 12)".into(),
            "MemoryError",
        ),
        (
            "huge center",
            "x = 'a'.center(10 ** 12, '*')".into(),
            "MemoryError",
        ),
        (
            "huge join",
            "parts = ['x' * 1000000] * 1000\ns = ','.join(parts)".into(),
            "MemoryError",
        ),
        (
            "range materialisation",
            "x = list(range(10 ** 12))".into(),
            "MemoryError",
        ),
        (
            "endless dict growth",
            "d = {}\ni = 0\nwhile True:\n    d[i] = str(i) * 10\n    i += 1".into(),
            "MemoryError|TimeoutError",
        ),
        (
            "sorting a big list",
            "xs = list(range(1000000, 0, -1))\nwhile True:\n    ys = sorted(xs)".into(),
            "TimeoutError",
        ),
        (
            "membership in a big list",
            "xs = [0] * 1000000\nwhile True:\n    found = 1 in xs".into(),
            "TimeoutError",
        ),
        (
            "endless list growth",
            "xs = [0]\nwhile True:\n    xs.extend(xs)\n    xs.append(len(xs))".into(),
            "MemoryError",
        ),
        (
            "deeply nested list equality",
            "a = []\nb = []\nfor i in range(100000):\n    a = [a]\n    b = [b]\nprint(a == b)"
                .into(),
            "RecursionError",
        ),
        (
            "cyclic list equality",
            "a = []\na.append(a)\nb = []\nb.append(b)\nprint(a == b)".into(),
            "RecursionError",
        ),
        (
            "endless string splitting",
            "s = 'a b ' * 1000000\nparts = []\nwhile True:\n    parts.append(s.split())".into(),
            "MemoryError",
        ),
        ("huge shift", "x = 1 << 10 ** 12".into(), "MemoryError"),
        (
            "shift past any size",
            "x = 1 << 10 ** 20".into(),
            "OverflowError",
        ),
        (
            "printing a huge int",
            "print(7 ** 100000)".into(),
            "ValueError",
        ),
        (
            "doubling a string",
            "s = 'ab'\nwhile True:\n    s = s + s".into(),
            "MemoryError",
        ),
        (
            "one huge string",
            "s = 'x' * 4611686018427387904".into(),
            "MemoryError",
        ),
        (
            "a huge set",
            "s = set(range(10 ** 9))".into(),
            "MemoryError|TimeoutError",
        ),
        (
            "a set growing forever",
            "s = set()\ni = 0\nwhile True:\n    s.add(i)\n    i += 1".into(),
            "MemoryError|TimeoutError",
        ),
        (
            "a deeply nested tuple as a set item",
            "t = ()\nfor i in range(300000):\n    t = (t, i)\ns = {t}\nprint(t in s, len({t, t}))\n{[]}".into(),
            "TypeError",
        ),
        (
            "printing forever",
            "while True:\n    print('spam' * 1000)".into(),
            "MemoryError",
        ),
        (
            "nested parentheses",
            format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000)),
            "SyntaxError",
        ),
        (
            "unary chain",
            format!("{}1", "-".repeat(200_000)),
            "RecursionError",
        ),
        (
            "not chain",
            format!("{}x", "not ".repeat(100_000)),
            "RecursionError",
        ),
        (
            "operator chain",
            vec!["1"; 200_000].join(" + "),
            "RecursionError",
        ),
        (
            "nested blocks",
            (0..150)
                .map(|d| format!("{}if True:\n", " ".repeat(d)))
                .collect::<String>()
                + &" ".repeat(150)
                + "pass\n",
            "IndentationError",
        ),
        (
            "huge format width",
            "s = format(1, '999999999999')".into(),
            "MemoryError",
        ),
        (
            "format width past sys.maxsize",
            "s = format(1, '99999999999999999999')".into(),
            "ValueError",
        ),
        (
            "huge % width",
            "s = '%*d' % (10**9, 1)".into(),
            "MemoryError",
        ),
        (
            "huge str.format precision",
            "s = '{:.{}f}'.format(1.5, 10**9)".into(),
            "MemoryError",
        ),
        (
            "formatting in a loop",
            "s = ''\nwhile True:\n    s = '{:>{}}'.format(s, len(s) * 2 + 1)".into(),
            "MemoryError",
        ),
        ("null byte", "x = 1\0".into(), "SyntaxError"),
        (
            "key functions nesting native calls",
            "def k(x):\n    return sorted([x, 1], key=k)\nk(0)".into(),
            "RecursionError",
        ),
        (
            "min key recursion",
            "def k(x):\n    return min([x, 2], key=k)\nk(0)".into(),
            "RecursionError",
        ),
        (
            "list.sort key recursion",
            "def k(x):\n    y = [x, 1]\n    y.sort(key=k)\n    return y\nk(0)".into(),
            "RecursionError",
        ),
        (
            "generators chained past the native nesting bound",
            "g = (x for x in range(3))\nfor i in range(100000):\n    g = (x + 1 for x in g)\nprint(sum(g))".into(),
            "RecursionError",
        ),
        (
            "endless generator consumption",
            "print(sum(1 for _ in range(10 ** 15)))".into(),
            "TimeoutError",
        ),
        (
            "generator resumed while running",
            "g = (1 for _ in range(1))\ng = (y for y in range(2) for z in g)\nprint(list(g))".into(),
            "ValueError|NameError",
        ),
        (
            "lambda recursion",
            "f = lambda n: f(n + 1)\nf(0)".into(),
            "RecursionError",
        ),
        (
            "key function that loops",
            "sorted([1, 2], key=lambda x: [0] * 10 ** 9)".into(),
            "MemoryError",
        ),
        (
            "endless recursion through *args",
            "def f(*a):\n    return f(*a, 1)\nf()".into(),
            "RecursionError|MemoryError",
        ),
        (
            "huge *args",
            "def f(*a):\n    return len(a)\nprint(f(*range(10 ** 9)))".into(),
            "MemoryError",
        ),
        (
            "huge literal",
            format!("x = {}", "9".repeat(100_000)),
            "SyntaxError",
        ),
    ];
    for (name, code, expected) in cases {
        let error = run_on_small_stack(code).expect_err(name);
        assert!(
            expected.split('|').any(|e| e == error.python_type()),
            "{name}: expected {expected}, got {}",
            error.last_line()
        );
    }
    // Hashing, comparing and printing deeply nested tuples use explicit work stacks: they
    // finish on the small stack (repr stops at CPython's nesting limit).
    let nested = "t = ()\nfor i in range(100000):\n    t = (t,)\nd = {t: 1}\nprint(len(d), t == t, (t,) == (t,))";
    assert_eq!(run_on_small_stack(nested.into()).unwrap(), "1 True True\n");
    // The process is fine: a normal program still runs.
    assert_eq!(
        run_on_small_stack("def f(n):\n    return n * 2\nf(21)".into()).unwrap(),
        "42"
    );
}

#[test]
fn output_printed_before_a_limit_is_kept() {
    let error = run_on_small_stack("print('first')\nwhile True:\n    pass".into()).unwrap_err();
    assert_eq!(error.output, "first\n");
}

#[test]
fn a_large_program_compiles_and_runs() {
    // 1 MB of source: 100,000 assignments to many names and a sum.
    let mut code = String::new();
    for i in 0..100_000 {
        code.push_str(&format!("v{} = {}\n", i % 500, i));
    }
    code.push_str("v499");
    assert_eq!(run_on_small_stack(code).unwrap(), "99999");
}

#[test]
fn oversized_source_is_refused_before_lexing() {
    let limits = RunLimits {
        max_source_bytes: 1000,
        ..RunLimits::default()
    };
    let error = execute_python_with_limits(&"x = 1\n".repeat(1000), limits).unwrap_err();
    assert_eq!(error.python_type(), "MemoryError");
    assert!(
        error.message().contains("limit is 1000 bytes"),
        "{}",
        error.message()
    );
}

#[test]
fn nesting_depth_limit_is_configurable() {
    let limits = RunLimits {
        max_nesting_depth: 20,
        ..RunLimits::default()
    };
    let shallow = format!("{}1", "-".repeat(10));
    assert_eq!(execute_python_with_limits(&shallow, limits).unwrap(), "1");
    let deep = format!("{}1", "-".repeat(30));
    let error = execute_python_with_limits(&deep, limits).unwrap_err();
    assert_eq!(error.python_type(), "RecursionError");
}
