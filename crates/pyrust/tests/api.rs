//! End-to-end tests of the facade API and the `pyrust` binary: results, error kinds, lines,
//! kept output, refusals, and limits. (Behaviour shared with CPython is tested by the
//! differential programs; these cover PyRust's own contract.)

use pyrust::{execute_python, execute_python_with_limits, PyRustError, RunLimits};

fn error(code: &str) -> PyRustError {
    execute_python(code).expect_err("program should fail")
}

#[test]
fn final_expression_repr_is_the_result() {
    assert_eq!(execute_python("2 + 3").unwrap(), "5");
    assert_eq!(execute_python("(10 + 20) * 3 / 2").unwrap(), "45.0");
    assert_eq!(execute_python("x = 10\ny = 20\nx + y").unwrap(), "30");
    assert_eq!(execute_python("'a'").unwrap(), "'a'");
    assert_eq!(execute_python("None").unwrap(), "");
    assert_eq!(execute_python("print(1)\n2").unwrap(), "1\n2");
}

#[test]
fn runtime_error_has_type_message_line_and_kept_output() {
    let e = error("print('before')\nx = 1\ny = x // 0\n");
    assert_eq!(e.python_type(), "ZeroDivisionError");
    assert_eq!(e.message(), "integer division or modulo by zero");
    assert_eq!(e.line, 3);
    assert_eq!(e.output, "before\n");
    assert_eq!(
        e.to_string(),
        "ZeroDivisionError: integer division or modulo by zero"
    );
}

#[test]
fn error_inside_function_reports_the_raising_line() {
    let e = error("def f(a):\n    b = a + 1\n    return b + None\nf(1)\n");
    assert_eq!(e.python_type(), "TypeError");
    assert_eq!(e.line, 3);
}

#[test]
fn syntax_error_has_line_and_column() {
    let e = error("x = 1\ny = (2 +\n");
    assert_eq!(e.python_type(), "SyntaxError");
    assert_eq!((e.line, e.column), (2, 5));
    let e = error("if True:\nprint(1)\n");
    assert_eq!(e.python_type(), "IndentationError");
    assert_eq!(e.line, 2);
}

#[test]
fn results_beyond_64_bits_become_big_integers_and_shrink_back() {
    for (code, expected) in [
        ("9223372036854775807 + 1", "9223372036854775808"),
        ("-9223372036854775807 - 2", "-9223372036854775809"),
        ("2 ** 64", "18446744073709551616"),
        ("3037000500 * 3037000500", "9223372037000250000"),
        ("x = -9223372036854775807 - 1\n-x", "9223372036854775808"),
        (
            "x = -9223372036854775807 - 1\nx // -1",
            "9223372036854775808",
        ),
        ("1 << 63", "9223372036854775808"),
        ("99999999999999999999", "99999999999999999999"),
        ("(2 ** 64 + 5) - 2 ** 64", "5"),
        (
            "x = 2 ** 100\ntype_is_small = x // 2 ** 98\ntype_is_small",
            "4",
        ),
    ] {
        assert_eq!(execute_python(code).unwrap(), expected, "{code}");
    }
}

#[test]
fn unsupported_constructs_are_refused_by_name_before_running() {
    for (code, word) in [
        ("print(1)\nclass A: pass", "class"),
        ("print(1)\nimport math", "import"),
        (
            "print(1)\ndef f(k):\n    return (x * k for x in range(3))",
            "generator expressions that use local variables (k)",
        ),
        (
            "print(1)\ndef f(a):\n    return lambda: a",
            "enclosing function ('a')",
        ),
        (
            "print(1)\nfs = [lambda: i for i in range(3)]",
            "enclosing function ('i')",
        ),
        (
            "print(1)\ndef f(**a):\n    return f(**a)",
            "**keyword arguments",
        ),
        ("print(1)\ndef f(a, /, b):\n    pass", "positional-only"),
        ("print(1)\ntry:\n    pass\nexcept E:\n    pass", "try"),
        (
            "print(1)\ndef f():\n    def g():\n        pass",
            "nested functions",
        ),
        ("print(1)\nx = b'{1}'", "bytes literals"),
        ("print(1)\na.b, c = 1, 2", "attribute access"),
        (
            "print(1)\ns = {(1, 2)[0], 1, 2}",
            "set displays of constant expressions",
        ),
        (
            "print(1)\ns = {0x10000000000000000, 18446744073709551616, 3}",
            "beyond 64 bits",
        ),
        ("print(1)\nx = [1][0:1, 2]", "tuples of slices"),
    ] {
        let e = error(code);
        assert_eq!(e.python_type(), "NotImplementedError", "{code}");
        assert!(e.message().contains(word), "{code}: {}", e.message());
        assert_eq!(e.output, "", "nothing runs before a refusal: {code}");
        assert!(e.line >= 2, "{code}");
    }
}

/// `tests/refusals/*.py`: programs CPython runs but PyRust cannot answer exactly (object
/// identity of floats, methods it lacks, ...). Each must stop with NotImplementedError
/// rather than a wrong answer or a different error.
#[test]
fn programs_pyrust_cannot_answer_exactly_are_refused() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/refusals");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/refusals exists") {
        let path = entry.expect("readable").path();
        if path.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("readable program");
        let e = error(&source);
        assert_eq!(
            e.python_type(),
            "NotImplementedError",
            "{}: {}",
            path.display(),
            e.message()
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} refusal programs found");
}

#[test]
fn unsupported_builtins_are_refused_not_name_errors() {
    let e = error("vars()");
    assert_eq!(e.python_type(), "NotImplementedError");
    assert!(e.message().contains("'vars'"));
    assert_eq!(
        error("undefined_thing").last_line(),
        "NameError: name 'undefined_thing' is not defined"
    );
}

#[test]
fn builtins_and_methods_beyond_exact_unicode_or_classes_are_refused() {
    for (source, construct) in [
        ("int | str", "union types"),
        ("type(None)", "type() of a 'NoneType' value"),
        ("type('C', (), {})", "type() with three arguments"),
        ("chr(0xD800)", "surrogate"),
        ("'\u{19b}'.upper()", "str.upper()"),
        ("'\u{19b}'.title()", "str.title()"),
        // Capital sigma lowercases by context (CPython's final-sigma rule).
        ("'\u{e9}\u{3a3}'.capitalize()", "str.capitalize()"),
        (
            "d = {1: 1, 2: 2}\nfor k in reversed(d):\n    d.pop(k)\n    d[k + 10] = 0",
            "reverse",
        ),
    ] {
        let e = error(source);
        assert_eq!(e.python_type(), "NotImplementedError", "{source}");
        assert!(e.message().contains(construct), "{source}: {}", e.message());
    }
}

#[test]
fn identity_of_equal_numbers_is_refused_not_guessed() {
    assert_eq!(execute_python("x = 5\nx is 5").unwrap(), "True");
    assert_eq!(execute_python("x = 1000\nx is 999").unwrap(), "False");
    assert_eq!(
        error("x = 1000\ny = 999 + 1\nx is y").python_type(),
        "NotImplementedError"
    );
}

#[test]
fn unbounded_recursion_is_a_recursion_error() {
    let e = error("def f(n):\n    return f(n + 1)\nf(0)\n");
    assert_eq!(
        e.last_line(),
        "RecursionError: maximum recursion depth exceeded"
    );
    // 998 nested calls fit in CPython's default limit of 1000 frames (module included).
    assert_eq!(
        execute_python("def f(n):\n    if n == 0:\n        return 0\n    return f(n - 1)\nf(998)")
            .unwrap(),
        "0"
    );
    assert_eq!(
        error("def f(n):\n    if n == 0:\n        return 0\n    return f(n - 1)\nf(999)")
            .python_type(),
        "RecursionError"
    );
}

#[test]
fn step_limit_stops_endless_loops_and_keeps_output() {
    let limits = RunLimits {
        max_steps: 10_000,
        ..RunLimits::default()
    };
    let e =
        execute_python_with_limits("print('start')\nwhile True:\n    pass\n", limits).unwrap_err();
    assert_eq!(e.python_type(), "TimeoutError");
    assert_eq!(e.output, "start\n");
    // Each `for` iteration is a step too: loops, nested loops and comprehensions.
    for program in [
        "for i in range(10**12):\n    pass\n",
        "for i in range(10**6):\n    for j in range(10**6):\n        pass\n",
        "xs = [i for i in range(10**12)]\n",
        "for c in 'ab' * 10**5:\n    pass\n",
    ] {
        let e = execute_python_with_limits(program, limits).unwrap_err();
        assert_eq!(e.python_type(), "TimeoutError", "{program}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let parens = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(
        error(&parens).last_line(),
        "SyntaxError: too many nested parentheses"
    );
    assert_eq!(
        error(&format!("{}1", "-".repeat(200_000))).python_type(),
        "RecursionError"
    );
    assert_eq!(
        error(&format!("{}1", "not ".repeat(100_000))).python_type(),
        "RecursionError"
    );
    let chain = vec!["1"; 100_000].join(" + ");
    assert_eq!(error(&chain).python_type(), "RecursionError");
    let mut blocks = String::new();
    for depth in 0..150 {
        blocks.push_str(&" ".repeat(depth));
        blocks.push_str("if True:\n");
    }
    blocks.push_str(&" ".repeat(150));
    blocks.push_str("pass\n");
    assert_eq!(error(&blocks).python_type(), "IndentationError");
}

#[test]
fn more_than_256_registers_is_a_clear_error() {
    let mut code = String::from("def f():\n");
    for i in 0..300 {
        code.push_str(&format!("    v{i} = {i}\n"));
    }
    let e = error(&code);
    assert_eq!(e.python_type(), "NotImplementedError");
    assert!(e.message().contains("256"), "{}", e.message());
    // At module level names are globals, not registers: many are fine.
    let mut module = String::new();
    for i in 0..300 {
        module.push_str(&format!("v{i} = {i}\n"));
    }
    module.push_str("v299");
    assert_eq!(execute_python(&module).unwrap(), "299");
}

#[test]
fn keyword_arguments_bind_to_parameters() {
    assert_eq!(
        execute_python("def f(a, b):\n    return a - b\nf(b=1, a=10)").unwrap(),
        "9"
    );
    assert_eq!(
        error("def f(a, b):\n    return a\nf(1, a=2)").last_line(),
        "TypeError: f() got multiple values for argument 'a'"
    );
    assert_eq!(
        error("def f(a):\n    return a\nf(c=2)").last_line(),
        "TypeError: f() got an unexpected keyword argument 'c'"
    );
}

#[test]
fn binary_prints_output_and_reports_errors() {
    let exe = env!("CARGO_BIN_EXE_pyrust");
    let ok = std::process::Command::new(exe)
        .args(["-c", "print(2 + 3)"])
        .output()
        .unwrap();
    assert!(ok.status.success());
    assert_eq!(String::from_utf8_lossy(&ok.stdout), "5\n");
    let bad = std::process::Command::new(exe)
        .args(["-c", "print('x')\n1/0"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&bad.stdout), "x\n");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(
        stderr.lines().last(),
        Some("ZeroDivisionError: division by zero")
    );
    assert!(stderr.contains("line 2"));
}

#[test]
fn binary_rejects_invalid_utf8_cleanly() {
    let dir = std::env::temp_dir().join(format!("pyrust-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.py");
    std::fs::write(&file, b"print(1)\n\xff\xfe\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyrust"))
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("SyntaxError:"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn constructs_needing_unicode_tables_are_refused_not_guessed() {
    // CPython folds identifiers to NFKC; PyRust would need Unicode tables to do the same.
    let e = error("\u{fb01} = 1\nprint(fi)");
    assert_eq!(e.python_type(), "NotImplementedError");
    // Rust strings cannot hold lone surrogates.
    assert_eq!(error("x = '\\ud800'").python_type(), "NotImplementedError");
    // repr() escapes unassigned and format characters, by CPython 3.11's tables.
    assert_eq!(
        execute_python("'\\u0378\\u200d\\u0416'").unwrap(),
        "'\\u0378\\u200d\u{416}'"
    );
}

#[test]
fn strings_are_collected_so_loops_do_not_run_out_of_memory() {
    // Each loop allocates far more in total than the 4 MiB heap limit, but holds little.
    let limits = RunLimits {
        max_heap_bytes: 4 << 20,
        ..RunLimits::default()
    };
    let code = "s = ''\nfor i in range(4000):\n    s += 'x'\nt = ''\nfor i in range(100):\n    t = 'a' * 1000000\nok = s == 'x' * 4000\nok";
    assert_eq!(execute_python_with_limits(code, limits).unwrap(), "True");
    // What is really held still counts: a string over the limit is a MemoryError.
    let e = execute_python_with_limits("x = 'a' * 5000000", limits).unwrap_err();
    assert_eq!(e.python_type(), "MemoryError");
}

#[test]
fn deadline_stops_an_endless_loop_with_timeout_error() {
    let limits = RunLimits {
        max_steps: u64::MAX,
        max_duration: Some(std::time::Duration::from_millis(50)),
        ..RunLimits::default()
    };
    let e = execute_python_with_limits("print('tick')\nx = 0\nwhile True:\n    x += 1\n", limits)
        .unwrap_err();
    assert_eq!(e.python_type(), "TimeoutError");
    assert!(e.message().contains("time limit"), "{}", e.message());
    assert_eq!(e.output, "tick\n");
}

#[test]
fn a_big_integer_operation_that_would_overrun_the_deadline_is_refused() {
    // Squaring a 40-million-bit number takes far longer than 20 ms and cannot be polled
    // midway: it must be refused up front, not started.
    let limits = RunLimits {
        max_steps: u64::MAX,
        max_duration: Some(std::time::Duration::from_millis(20)),
        ..RunLimits::default()
    };
    let started = std::time::Instant::now();
    let e = execute_python_with_limits(
        "x = 1 << 40000000
y = (x - 1) * (x - 3)",
        limits,
    )
    .unwrap_err();
    assert_eq!(e.python_type(), "TimeoutError", "{}", e.last_line());
    assert_eq!(e.line, 2);
    // Generous bound: the point is that the multiplication (seconds) never ran.
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[test]
fn host_can_cancel_a_run_from_another_thread() {
    let mut interpreter = pyrust::Interpreter::with_limits(RunLimits {
        max_steps: u64::MAX,
        ..RunLimits::default()
    });
    let handle = interpreter.cancel_handle();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(30));
        handle.cancel();
    });
    let e = interpreter
        .execute("print('running')\ndef spin(n):\n    return n + 1\nk = 0\nwhile True:\n    k = spin(k)\n")
        .unwrap_err();
    canceller.join().unwrap();
    assert_eq!(e.python_type(), "KeyboardInterrupt");
    assert_eq!(e.output, "running\n");
    // The cancellation is spent: the interpreter runs the next program normally.
    assert_eq!(interpreter.execute("1 + 1").unwrap(), "2");
}

#[test]
fn runtime_errors_carry_a_traceback_of_active_calls() {
    let e = error("def f(n):\n    return g(n)\ndef g(n):\n    return n / 0\nprint('a')\nf(3)\n");
    let frames: Vec<(String, u32)> = e
        .traceback
        .iter()
        .map(|frame| (frame.function.clone(), frame.line))
        .collect();
    assert_eq!(
        frames,
        vec![
            ("<module>".to_string(), 6),
            ("f".to_string(), 2),
            ("g".to_string(), 4)
        ]
    );
    assert!(
        error("x = = 1").traceback.is_empty(),
        "syntax errors have no traceback"
    );
}

#[test]
fn binary_prints_cpython_style_tracebacks() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyrust"))
        .args(["-c", "def f(n):\n    return n / 0\nf(1)"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "Traceback (most recent call last):\n  File \"<string>\", line 3, in <module>\n    f(1)\n  File \"<string>\", line 2, in f\n    return n / 0\nZeroDivisionError: division by zero\n"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyrust"))
        .args(["-c", "x = 1\ny = = 2"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "  File \"<string>\", line 2\n    y = = 2\n        ^\nSyntaxError: invalid syntax\n"
    );
}

#[path = "../examples/embedding.rs"]
mod embedding_example;

#[test]
fn embedding_example_runs() {
    embedding_example::main();
}

#[test]
fn compile_once_run_many_with_host_inputs_and_outputs() {
    use pyrust::HostValue;
    let mut interpreter = pyrust::Interpreter::new();
    let program = interpreter
        .compile_program("label = name + ': '\ntotal = price * qty\nif total > 100:\n    total = total - discount\ntotal")
        .unwrap();
    for (price, qty, expected) in [(10, 3, 30), (60, 2, 115)] {
        let run = interpreter
            .run_with_inputs(
                &program,
                &[
                    ("price", HostValue::Int(price)),
                    ("qty", HostValue::Int(qty)),
                    ("discount", HostValue::Int(5)),
                    ("name", HostValue::Str("order".into())),
                    ("unused", HostValue::Float(1.5)),
                ],
            )
            .unwrap();
        assert_eq!(run.output, expected.to_string());
        assert_eq!(run.global("total"), Some(&HostValue::Int(expected)));
        assert_eq!(run.global("label"), Some(&HostValue::Str("order: ".into())));
        assert_eq!(run.global("unused"), None);
    }
    // A missing input is the program's NameError, with the usual details.
    let e = interpreter
        .run_with_inputs(&program, &[("price", HostValue::Int(1))])
        .unwrap_err();
    assert_eq!(e.last_line(), "NameError: name 'name' is not defined");
}
