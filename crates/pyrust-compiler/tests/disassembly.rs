//! Bytecode shape for small programs, so changes in code generation show up in review.

fn disassemble(source: &str) -> String {
    let ast = pyrust_parser::parse(source).expect("parses");
    pyrust_compiler::compile(source, &ast)
        .expect("compiles")
        .disassemble()
}

#[test]
fn fib_uses_fused_compare_branch_immediates_and_self_calls() {
    let listing = disassemble(
        "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nfib(20)",
    );
    let expected = "\
<module>: params=0 registers=2
     0 LoadConst { dst: 0, index: 0 }
     1 StoreGlobal { src: 0, slot: 0 }
     2 LoadGlobal { dst: 0, slot: 0 }
     3 LoadInt { dst: 1, value: 20 }
     4 Call { func: 0, argc: 1, callee: 0, dst: 0 }
     5 Return { src: 0 }
fib: params=1 registers=4
     6 JumpUnlessLtImm { a: 0, imm: 2, target: 8 }
     7 Return { src: 0 }
     8 SubImm { dst: 2, a: 0, imm: 1 }
     9 CallGlobal { func: 1, argc: 1, slot: 0, dst: 1 }
    10 SubImm { dst: 3, a: 0, imm: 2 }
    11 CallGlobal { func: 2, argc: 1, slot: 0, dst: 2 }
    12 Add { dst: 1, a: 1, b: 2 }
    13 Return { src: 1 }
    14 ReturnNone
";
    assert_eq!(listing, expected, "\n{listing}");
}

#[test]
fn module_loop_variables_live_in_registers() {
    let listing = disassemble("total = 0\nfor i in range(10):\n    total = total + i\ntotal");
    assert!(!listing.contains("StoreGlobal"), "{listing}");
    assert!(listing.contains("ForNext"), "{listing}");
}

#[test]
fn while_loop_shape() {
    let listing = disassemble(
        "total = 0\ni = 0\nwhile i < 100000:\n    total = total + i\n    i = i + 1\ntotal",
    );
    let expected = "\
<module>: params=0 registers=3
     0 LoadInt { dst: 0, value: 0 }
     1 LoadInt { dst: 1, value: 0 }
     2 LoadInt { dst: 2, value: 100000 }
     3 JumpUnlessLt { a: 1, b: 2, target: 7 }
     4 Add { dst: 0, a: 0, b: 1 }
     5 AddImm { dst: 1, a: 1, imm: 1 }
     6 Jump { target: 2 }
     7 Return { src: 0 }
";
    assert_eq!(listing, expected, "\n{listing}");
}

#[test]
fn self_call_is_not_fused_when_an_argument_calls() {
    // `f(g())`: g could rebind `f` before the call, so `f` must be loaded first.
    let listing = disassemble("def f(n):\n    return f(g(n))\ndef g(n):\n    return n\nf(1)");
    assert!(!listing.contains("CallGlobal"), "{listing}");
}

#[test]
fn only_reads_that_may_see_an_unassigned_local_are_checked() {
    // `x` is assigned on every path before the read: no check.
    let proven = disassemble(
        "def f(a):\n    if a:\n        x = 1\n    else:\n        x = 2\n    return x\nf(1)",
    );
    assert!(!proven.contains("CheckBound"), "{proven}");
    // Only one branch assigns `x`: the read is checked and the write marks the register.
    let unproven = disassemble("def f(a):\n    if a:\n        x = 1\n    return x\nf(1)");
    assert!(unproven.contains("CheckBound"), "{unproven}");
    assert!(unproven.contains("MarkBound"), "{unproven}");
    // A loop body may not run: a variable assigned only inside it is checked after it.
    let looped =
        disassemble("def f(n):\n    for i in range(n):\n        y = i\n    return y\nf(1)");
    assert!(looped.contains("CheckBound"), "{looped}");
}

#[test]
fn module_names_used_by_functions_stay_global() {
    let listing = disassemble(
        "limit = 10\ndef f(n):\n    return n < limit\ncount = 0\ncount = count + 1\nf(count)",
    );
    // `limit` is read inside f, so it is a global slot; `count` and `f` (no function names
    // them) live in module registers.
    assert!(listing.contains("LoadGlobal"), "{listing}");
    let stores = listing.matches("StoreGlobal").count();
    assert_eq!(stores, 1, "only `limit` is a global:\n{listing}");
}

#[test]
fn long_left_leaning_chains_reuse_one_register() {
    // 50 terms: deep enough to show the reuse, shallow enough for the compiler's stack
    // budget in debug builds (whose frames are several times larger than release ones).
    let chain = vec!["a"; 50].join(" + ");
    let listing = disassemble(&format!("def f(a):\n    return {chain}\nf(1)"));
    let registers: Vec<&str> = listing.lines().filter(|l| l.starts_with("f:")).collect();
    assert_eq!(registers, ["f: params=1 registers=2"], "{listing}");
}

#[test]
fn for_loops_close_with_a_for_loop_back_edge() {
    let listing = disassemble(
        "total = 0\nfor i in range(1000):\n    for j in range(1000):\n        total = total + j\ntotal",
    );
    let expected = "\
<module>: params=0 registers=11
     0 LoadInt { dst: 0, value: 0 }
     1 LoadGlobal { dst: 6, slot: 0 }
     2 LoadInt { dst: 7, value: 1000 }
     3 Call { func: 6, argc: 1, callee: 6, dst: 3 }
     4 ForPrep { base: 3 }
     5 ForNext { base: 3, var: 1, exit: 14 }
     6 LoadGlobal { dst: 9, slot: 0 }
     7 LoadInt { dst: 10, value: 1000 }
     8 Call { func: 9, argc: 1, callee: 9, dst: 6 }
     9 ForPrep { base: 6 }
    10 ForNext { base: 6, var: 2, exit: 13 }
    11 Add { dst: 0, a: 0, b: 2 }
    12 ForLoop { base: 6, var: 2, body: 11 }
    13 ForLoop { base: 3, var: 1, body: 6 }
    14 Return { src: 0 }
";
    assert_eq!(listing, expected, "\n{listing}");
    // `continue` still goes to the loop's `ForNext`; comprehensions close the same way.
    let listing = disassemble(
        "xs = [x for x in range(5) if x]\nfor i in xs:\n    if i:\n        continue\n    print(i)",
    );
    assert_eq!(listing.matches("ForLoop").count(), 2, "\n{listing}");
}

#[test]
fn calls_read_a_local_function_and_write_a_local_result_directly() {
    let listing = disassemble(
        "def add(a, b):\n    return a + b\ntotal = 0\nfor i in range(10):\n    total = add(total, i)\ntotal",
    );
    assert!(
        listing.contains("Call { func: 6, argc: 2, callee: 0, dst: 1 }"),
        "\n{listing}"
    );
    // A method call's result still goes through a temporary: `x = x.f(x)` reads `x` late.
    let listing = disassemble("xs = [1]\nxs = xs.copy()\nxs");
    assert!(listing.contains("Move { dst: 0,"), "\n{listing}");
}

#[test]
fn int_literal_operands_fold_into_the_instruction() {
    let listing = disassemble("i = 5\nx = i * 2 % 7 + i - 1\nx = -3\nx");
    for expected in [
        "MulImm { dst: 2, a: 0, imm: 2 }",
        "ModImm { dst: 2, a: 2, imm: 7 }",
        "LoadInt { dst: 1, value: -3 }",
    ] {
        assert!(listing.contains(expected), "{expected}\n{listing}");
    }
    assert!(!listing.contains("Neg"), "\n{listing}");
}

#[test]
fn reused_buffers_forget_the_comprehension_variables_of_earlier_programs() {
    // A generator body is the last code compiled and leaves its variables behind; the
    // next compilation with the same buffers must not see them as shadowing names.
    let programs = [
        "print(sum(x * x for x in range(3)))",
        "x = 5\nprint([x + y for y in range(2)], x)",
        "for i in range(2):\n    if i:\n        break\nprint(list(i + k for k in range(i)))",
        "x = 1\nx + 1",
    ];
    let mut program = pyrust_compiler::Program::default();
    let mut buffers = pyrust_compiler::CompileBuffers::default();
    for _ in 0..2 {
        for source in programs {
            let ast = pyrust_parser::parse(source).expect("parses");
            pyrust_compiler::compile_into(source, &ast, &mut program, &mut buffers)
                .expect("compiles");
            assert_eq!(program.disassemble(), disassemble(source), "{source}");
        }
    }
}

#[test]
fn folds_that_would_overflow_the_constant_table_are_emitted_unfolded() {
    // 70,000 distinct float results: the first 65,536 fill the constant table, the rest
    // are computed at run time, as they were before folding.
    let mut source = String::new();
    for k in 1..=70_000 {
        source.push_str(&format!("x = {k} / 7\n"));
    }
    // An unary fold whose operand does not fold either, and a result already in the table
    // (not looked for once the table is full).
    source.push_str("x = -(70001 / 7)\nx = 1 / 7\nx");
    let ast = pyrust_parser::parse(&source).expect("parses");
    let program = pyrust_compiler::compile(&source, &ast).expect("compiles");
    assert_eq!(program.constants.len(), 65_536);
    let listing = program.disassemble();
    // The instructions without their positions, which any change in code size moves.
    let tail: Vec<&str> = listing
        .lines()
        .rev()
        .take(11)
        .map(|line| {
            line.trim_start()
                .split_once(' ')
                .map_or(line, |(_, instr)| instr)
        })
        .collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    let expected = [
        "LoadInt { dst: 1, value: 70000 }",
        "LoadInt { dst: 2, value: 7 }",
        "TrueDiv { dst: 0, a: 1, b: 2 }",
        "LoadInt { dst: 1, value: 70001 }",
        "LoadInt { dst: 2, value: 7 }",
        "TrueDiv { dst: 1, a: 1, b: 2 }",
        "Neg { dst: 0, src: 1 }",
        "LoadInt { dst: 1, value: 1 }",
        "LoadInt { dst: 2, value: 7 }",
        "TrueDiv { dst: 0, a: 1, b: 2 }",
        "Return { src: 0 }",
    ];
    assert_eq!(tail, expected, "\n{}", tail.join("\n"));
}
