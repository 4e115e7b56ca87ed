//! The facade's panic boundary. No input is meant to panic, so the boundary is driven through
//! `Interpreter::run_in_panic_boundary` (hidden, for tests), which wraps a closure in the same
//! `catch_unwind` that `execute`, `execute_split`, `compile_program` and `run_with_inputs` use.
//! A panic must come back as `SystemError: internal error in PyRust: ...`, the host must keep
//! running, and the interpreter must work normally afterwards.

use pyrust::{HostValue, Interpreter, PyRustError};

fn panic_inside(interpreter: &mut Interpreter, run: impl FnOnce(&mut Interpreter)) -> PyRustError {
    interpreter
        .run_in_panic_boundary(|inner| -> Result<(), PyRustError> {
            run(inner);
            Ok(())
        })
        .expect_err("the closure panicked")
}

#[test]
fn a_panic_becomes_an_internal_error_and_the_interpreter_recovers() {
    let mut interpreter = Interpreter::new();
    assert_eq!(interpreter.execute("x = 20\nx * 2 + 2").unwrap(), "42");
    let error = panic_inside(&mut interpreter, |inner| {
        // Fill every stage's buffers first, as the run that panics would have.
        inner.execute("s = 'ab' * 1000\nprint('half-way')").ok();
        panic!("broken invariant for the test");
    });
    assert_eq!(error.python_type(), "SystemError");
    assert_eq!(
        error.last_line(),
        "SystemError: internal error in PyRust: broken invariant for the test"
    );
    assert!(error.traceback.is_empty());
    // The same interpreter runs programs, reports their errors, and runs again.
    assert_eq!(
        interpreter
            .execute("def f(n):\n    return n * 2\nprint('ok')\nf(21)")
            .unwrap(),
        "ok\n42"
    );
    assert_eq!(
        interpreter.execute("1 / 0").unwrap_err().last_line(),
        "ZeroDivisionError: division by zero"
    );
    assert_eq!(interpreter.execute("'a' + 'b'").unwrap(), "'ab'");
}

#[test]
fn formatted_and_non_string_panic_payloads_are_reported() {
    let mut interpreter = Interpreter::new();
    let formatted = panic_inside(&mut interpreter, |_| panic!("register {} out of range", 7));
    assert_eq!(
        formatted.message(),
        "internal error in PyRust: register 7 out of range"
    );
    let opaque = panic_inside(&mut interpreter, |_| std::panic::panic_any(42_u32));
    assert_eq!(
        opaque.message(),
        "internal error in PyRust: a panic without a message"
    );
    assert_eq!(interpreter.execute("2 + 3").unwrap(), "5");
}

#[test]
fn a_cancellation_aimed_at_a_run_that_panicked_does_not_stop_the_next() {
    let mut interpreter = Interpreter::new();
    let cancel = interpreter.cancel_handle();
    panic_inside(&mut interpreter, |_| {
        cancel.cancel();
        panic!("panicked while cancelled");
    });
    assert_eq!(
        interpreter
            .execute("total = 0\nfor i in range(100000):\n    total += i\ntotal")
            .unwrap(),
        "4999950000"
    );
    // The handle still works afterwards.
    cancel.cancel();
    let error = interpreter.execute("while True:\n    pass").unwrap_err();
    assert_eq!(error.python_type(), "KeyboardInterrupt");
}

#[test]
fn compiled_programs_run_with_inputs_after_a_panic() {
    let mut interpreter = Interpreter::new();
    let program = interpreter.compile_program("total = price * qty").unwrap();
    panic_inside(&mut interpreter, |inner| {
        inner
            .run_with_inputs(&program, &[("price", HostValue::Int(2))])
            .ok();
        panic!("panicked between runs");
    });
    let run = interpreter
        .run_with_inputs(
            &program,
            &[("price", HostValue::Int(3)), ("qty", HostValue::Int(4))],
        )
        .unwrap();
    assert_eq!(run.global("total"), Some(&HostValue::Int(12)));
}
