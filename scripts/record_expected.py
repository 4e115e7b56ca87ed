#!/usr/bin/env python3
"""Record what CPython 3.11 does with every NAME.py of PyRust's differential test corpus.

Adapted from /work/shared/conformance/gen_expected.py; the default root is the project's own
corpus, tests/programs/ (../tests/programs relative to this script).

usage: python3 scripts/record_expected.py [DIR|FILE ...]   (default: ../tests/programs)
       python3 scripts/record_expected.py --emulate FILE   (run one program under PyRust's
                                                            rules; used by the recorder)

PyRust's rules: a program's output is everything it printed, followed by repr() of the value
of its last top-level statement when that statement is an expression whose value is not None
(no newline after it). An uncaught exception, or a syntax error found before anything runs,
ends the program: stdout keeps what was printed, the last stderr line is CPython's last
traceback line (`Type: message`), exit status 1.

For each program this writes NAME.out (the exact stdout) and, when the program ended with an
error, NAME.err (that one line); a stale NAME.err is removed. Each program runs in a fresh
subprocess with recursion limit 1000, twice, under two hash seeds: a program whose output
differs between the runs, or that takes longer than 0.5 s, is reported and makes the exit
status 1 (its files are still written from the first run).
"""
import os
import pathlib
import subprocess
import sys
import time

SCRIPT = pathlib.Path(__file__).resolve()
HERE = SCRIPT.parent
DEFAULT_ROOT = HERE.parent / "tests" / "programs"
TOOLS = {"gen_expected.py", "record_expected.py", "run.py"}
SLOW_S = 0.5


def emulate(path: str) -> int:
    """Run one program the way PyRust does. Returns the exit status."""
    import ast
    import traceback

    sys.setrecursionlimit(1000)
    g = {"__name__": "__main__"}
    try:
        with open(path, encoding="utf-8") as f:
            src = f.read()
        # Compile the whole file first, as CPython does: a syntax error anywhere means nothing
        # runs (this also raises the errors the compiler finds after parsing).
        compile(src, path, "exec", dont_inherit=True)
        tree = ast.parse(src, path)
        body, last = tree.body, None
        if body and isinstance(body[-1], ast.Expr):
            body, last = body[:-1], body[-1]
        code = compile(ast.Module(body=body, type_ignores=[]), path, "exec", dont_inherit=True)
        expr = None
        if last is not None:
            expr = compile(ast.Expression(body=last.value), path, "eval", dont_inherit=True)
        exec(code, g)
        if expr is not None:
            value = eval(expr, g)
            if value is not None:
                sys.stdout.write(repr(value))
        sys.stdout.flush()
        return 0
    except BaseException as e:  # the program's own uncaught error, reported as CPython would
        sys.stdout.flush()
        line = traceback.format_exception_only(type(e), e)[-1].rstrip("\n")
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
        return 1


def programs(args):
    roots = [pathlib.Path(a) for a in args] if args else [DEFAULT_ROOT]
    found = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(p for p in root.rglob("*.py") if p.name not in TOOLS)
        else:
            sys.exit(f"record_expected.py: no such file or folder: {root}")
    return sorted(set(found))


def run_once(py: pathlib.Path, seed: str):
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONIOENCODING="utf-8")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, str(SCRIPT), "--emulate", str(py)],
                       capture_output=True, timeout=60, env=env, stdin=subprocess.DEVNULL)
    return r, time.perf_counter() - t0


def record(py: pathlib.Path):
    """Write NAME.out / NAME.err for one program; return a list of problems found."""
    problems = []
    r, secs = run_once(py, "0")
    r2, _ = run_once(py, "4242")
    if (r.stdout, r.stderr, r.returncode) != (r2.stdout, r2.stderr, r2.returncode):
        problems.append("output depends on the hash seed")
    if secs > SLOW_S:
        problems.append(f"slow under CPython ({secs:.2f} s)")
    out = r.stdout.decode("utf-8")
    err_lines = [ln for ln in r.stderr.decode("utf-8").splitlines() if ln.strip()]
    py.with_suffix(".out").write_text(out, encoding="utf-8", newline="")
    errf = py.with_suffix(".err")
    if r.returncode == 0:
        if errf.exists():
            errf.unlink()
    else:
        if r.returncode != 1 or not err_lines:
            problems.append(f"emulator itself failed (status {r.returncode})")
        errf.write_text((err_lines[-1] if err_lines else "?") + "\n", encoding="utf-8")
    return problems


def main(argv) -> int:
    if argv[:1] == ["--emulate"]:
        if len(argv) != 2:
            sys.exit("usage: record_expected.py --emulate FILE")
        return emulate(argv[1])
    if sys.version_info[:2] != (3, 11):
        print(f"warning: recording with Python {sys.version.split()[0]}, not 3.11", file=sys.stderr)
    progs = programs(argv)
    bad, errors = 0, 0
    for py in progs:
        problems = record(py)
        errors += py.with_suffix(".err").exists()
        if problems:
            bad += 1
            print(f"PROBLEM {py}: {'; '.join(problems)}")
    print(f"recorded {len(progs)} programs ({errors} ending in an error) with CPython "
          f"{sys.version.split()[0]}; {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
