//! Shared pieces of PyRust's benchmarks and reports: the benchmark programs and CPython
//! running them through pyo3 (embedded CPython, so both sides are measured in one process).

use std::ffi::CString;

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A benchmark program and the result PyRust's output rule gives for it.
#[derive(Clone, Copy, Debug)]
pub struct BenchProgram {
    pub name: &'static str,
    pub source: &'static str,
}

pub const SIMPLE: BenchProgram = BenchProgram {
    name: "simple",
    source: "2 + 3",
};
pub const COMPLEX: BenchProgram = BenchProgram {
    name: "complex",
    source: "(10 + 20) * 3 / 2",
};
pub const VARIABLES: BenchProgram = BenchProgram {
    name: "variables",
    source: "x = 10\ny = 20\nx + y",
};
pub const FUNCTION_CALL: BenchProgram = BenchProgram {
    name: "fib20",
    source:
        "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nfib(20)",
};
pub const LOOP: BenchProgram = BenchProgram {
    name: "while100k",
    source: "total = 0\ni = 0\nwhile i < 100000:\n    total = total + i\n    i = i + 1\ntotal",
};

pub const FIB25: BenchProgram = BenchProgram {
    name: "fib25",
    source:
        "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nfib(25)",
};
pub const WHILE3M: BenchProgram = BenchProgram {
    name: "while3m",
    source:
        "total = 0\ni = 0\nwhile i < 3000000:\n    total = total + i * 2 % 7\n    i = i + 1\ntotal",
};
pub const NESTED1K: BenchProgram = BenchProgram {
    name: "nested1k",
    source: "total = 0\nfor i in range(1000):\n    for j in range(1000):\n        total = total + j\ntotal",
};
pub const CALLS1M: BenchProgram = BenchProgram {
    name: "calls1m",
    source: "def add(a, b):\n    return a + b\ntotal = 0\nfor i in range(1000000):\n    total = add(total, i)\ntotal",
};
pub const BRANCHES: BenchProgram = BenchProgram {
    name: "branches",
    source: "low = 0\nmid = 0\nhigh = 0\nfor i in range(1000000):\n    r = i % 10\n    if r < 3:\n        low = low + 1\n    elif r < 7:\n        mid = mid + 1\n    elif r == 7 or r == 8:\n        high = high + 2\n    else:\n        high = high - 1\nlow * 1000000 + mid * 1000 + high",
};

pub const WORD_FREQUENCY: BenchProgram = BenchProgram {
    name: "wordfreq",
    source: "words = ('the quick brown fox jumps over the lazy dog ' * 111112).split()\ncounts = {}\nfor w in words:\n    counts[w] = counts.get(w, 0) + 1\n(len(words), sorted(counts.items()))",
};
pub const JOIN: BenchProgram = BenchProgram {
    name: "join200k",
    source: "parts = []\nfor i in range(200000):\n    parts.append(str(i))\ntext = ','.join(parts)\nlen(text)",
};
pub const SORT_INTS: BenchProgram = BenchProgram {
    name: "sort1m",
    source: "xs = [(i * 7919) % 1000003 for i in range(1000000)]\nys = sorted(xs)\n(ys[0], ys[500000], ys[-1])",
};
pub const SORT_STRINGS_KEY: BenchProgram = BenchProgram {
    name: "sortkey200k",
    source: "ws = [str((i * 7919) % 200003) for i in range(200000)]\nrs = sorted(ws, key=lambda w: w[::-1])\n(rs[0], rs[100000], rs[-1])",
};
pub const LIST_COMPREHENSION: BenchProgram = BenchProgram {
    name: "listcomp1m",
    source: "ys = [x * 2 for x in range(1000000) if x % 3]\n(len(ys), ys[-1])",
};
pub const FORMAT_FLOATS: BenchProgram = BenchProgram {
    name: "fstring200k",
    source: "out = [f'{i / 7:.3f}' for i in range(200000)]\n(len(out), out[-1])",
};

/// Strings and collections (the strings/collections issue's targets).
pub const COLLECTION_PROGRAMS: [BenchProgram; 6] = [
    WORD_FREQUENCY,
    JOIN,
    SORT_INTS,
    SORT_STRINGS_KEY,
    LIST_COMPREHENSION,
    FORMAT_FLOATS,
];

/// Longer programs: loops and calls (the faster-than-CPython targets).
pub const LOOP_PROGRAMS: [BenchProgram; 5] = [FIB25, WHILE3M, NESTED1K, CALLS1M, BRANCHES];

/// Programs measured stage by stage.
pub const STAGE_PROGRAMS: [BenchProgram; 3] = [SIMPLE, COMPLEX, VARIABLES];
/// Programs measured end to end (and against CPython).
pub const END_TO_END_PROGRAMS: [BenchProgram; 5] =
    [SIMPLE, COMPLEX, VARIABLES, FUNCTION_CALL, LOOP];

/// `sys.version` of the embedded CPython (every report prints it).
pub fn cpython_version() -> String {
    Python::attach(|_py| Python::version_str().to_string())
}

/// A program prepared for CPython: its source with the final expression assigned to
/// `__result` (PyRust's output rule), compiled lazily or once.
pub struct CPythonProgram {
    /// The rewritten source, as a C string for `Python::run`.
    source: CString,
    globals: Py<PyDict>,
    code: Py<PyAny>,
}

impl CPythonProgram {
    pub fn new(program: &BenchProgram) -> CPythonProgram {
        let mut lines: Vec<&str> = program.source.lines().collect();
        let last = lines.pop().unwrap_or("None");
        let rewritten = format!("{}\n__result = {last}\n", lines.join("\n"));
        let source = CString::new(rewritten).expect("benchmark source has no NUL");
        Python::attach(|py| {
            let globals = PyDict::new(py);
            let builtins = py.import("builtins").expect("builtins");
            globals
                .set_item("__builtins__", &builtins)
                .expect("set builtins");
            let code = builtins
                .getattr("compile")
                .and_then(|compile| {
                    compile.call1((source.to_str().unwrap_or(""), "<bench>", "exec"))
                })
                .expect("CPython compiles the benchmark program");
            CPythonProgram {
                source,
                globals: globals.unbind(),
                code: code.unbind(),
            }
        })
    }

    /// Compile and run the source (CPython's source-to-result path).
    pub fn compile_and_run(&self, py: Python<'_>) {
        py.run(&self.source, Some(self.globals.bind(py)), None)
            .expect("CPython runs the benchmark program");
    }

    /// Run the code object compiled once (CPython's VM-only path).
    pub fn run_precompiled(&self, _py: Python<'_>) {
        // SAFETY: `code` is a code object and `globals` a dict, both kept alive by `self`;
        // the GIL is held (`_py`). The new reference returned is released at once.
        unsafe {
            let result = pyo3::ffi::PyEval_EvalCode(
                self.code.as_ptr(),
                self.globals.as_ptr(),
                self.globals.as_ptr(),
            );
            assert!(
                !result.is_null(),
                "CPython failed running the benchmark program"
            );
            pyo3::ffi::Py_DECREF(result);
        }
    }

    /// `repr` of the program's result, or "" for None (PyRust's output rule), after a run.
    pub fn result_repr(&self, py: Python<'_>) -> String {
        let value = self.globals.bind(py).get_item("__result").ok().flatten();
        match value {
            Some(value) if !value.is_none() => {
                value.repr().map(|r| r.to_string()).unwrap_or_default()
            }
            _ => String::new(),
        }
    }
}

/// Runs a compiled program on a fresh VM each time (VM-only path), reusing VM storage as a
/// reused interpreter does. The program is verified once, when the runner is made, as a host
/// that runs one compiled program many times does ([`pyrust_vm::VerifiedProgram`]).
pub struct VmRunner<'p> {
    program: pyrust_vm::VerifiedProgram<'p>,
    buffers: pyrust_vm::VmBuffers,
}

impl<'p> VmRunner<'p> {
    pub fn new(program: &'p pyrust_compiler::Program) -> Self {
        VmRunner {
            program: pyrust_vm::VerifiedProgram::new(program).expect("a compiled program verifies"),
            buffers: pyrust_vm::VmBuffers::default(),
        }
    }

    pub fn run(&mut self) {
        let limits = pyrust_vm::Limits::default();
        let mut vm = pyrust_vm::Vm::with_verified(self.program, &limits, &mut self.buffers);
        let ran = std::hint::black_box(vm.run().is_ok());
        assert!(ran, "the benchmark program failed");
    }
}

/// A generated program of `lines` lines mixing assignments, arithmetic, branches, loops and
/// function definitions and calls, for measuring how each stage scales with program size.
pub fn generated_program(lines: usize) -> String {
    let mut source = String::with_capacity(lines * 24);
    let mut written = 0;
    let mut block = 0;
    while written + 8 <= lines {
        source.push_str(&format!(
            "def f{block}(a, b):\n    c = a * {k} + b // 3\n    if c > 100:\n        c = c - 7\n    return c\nv{block} = f{block}({block}, 5)\nfor i in range(3):\n    v{block} = v{block} + i\n",
            k = block % 17 + 1
        ));
        written += 8;
        block += 1;
    }
    while written < lines {
        source.push_str("pass\n");
        written += 1;
    }
    source
}
