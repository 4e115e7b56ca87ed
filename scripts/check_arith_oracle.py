#!/usr/bin/env python3.11
"""Manual cross-check of the oracle in crates/pyrust/tests/arithmetic_properties.rs against
CPython (not part of the test suite). Reads the ignored test `dump_oracle_cases` on stdin:

    cargo test -p pyrust --test arithmetic_properties -- --ignored --nocapture dump_oracle_cases \\
        | python3.11 scripts/check_arith_oracle.py

Lines `X<TAB>expr<TAB>exact<TAB>i64`: `exact` is the oracle with unbounded ints (up to i128),
compared with CPython's own result; `i64` is the oracle with PyRust's 64-bit ints, compared
with CPython evaluating the same tree where every int literal and int result outside i64
raises OverflowError (the operators themselves are CPython's). Lines `F<TAB>bits<TAB>repr`:
the oracle's expected repr of the float with those bits, compared with CPython's repr.
Answers are `V:<repr>`, `E:<Type>:<message>` (OverflowError: a substring) or `SKIP`.
"""
import ast
import operator
import struct
import sys

LO, HI = -(2**63), 2**63 - 1


def chk(v):
    if type(v) is int and not LO <= v <= HI:
        raise OverflowError("big integers")
    return v


BINOPS = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
    ast.LShift: operator.lshift, ast.RShift: operator.rshift, ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_, ast.BitXor: operator.xor, ast.Div: operator.truediv,
}
UNOPS = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert}


def binop(name, a, b):
    op = BINOPS[getattr(ast, name)]
    # Avoid building a huge int in CPython for `x << n` with n >= 64 (certain overflow).
    if op is operator.lshift and type(b) is int and b >= 64 and a != 0:
        raise OverflowError("big integers")
    return chk(op(a, b))


def unop(name, a):
    return chk(UNOPS[getattr(ast, name)](a))


class Checked(ast.NodeTransformer):
    def visit_BinOp(self, node):
        self.generic_visit(node)
        return ast.Call(ast.Name("binop", ast.Load()),
                        [ast.Constant(type(node.op).__name__), node.left, node.right], [])

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        return ast.Call(ast.Name("unop", ast.Load()),
                        [ast.Constant(type(node.op).__name__), node.operand], [])


def answer(thunk):
    try:
        return "V:" + repr(thunk())
    except (ArithmeticError, ValueError) as e:
        return f"E:{type(e).__name__}:{e}"


def matches(want, got):
    if want.startswith("E:OverflowError:"):
        return got.startswith("E:OverflowError:") and want.split(":", 2)[2] in got
    return want == got


def i64_answer(expr):
    tree = ast.parse(expr, mode="eval")
    # PyRust refuses a program with an int literal outside i64 before running it.
    if any(isinstance(n, ast.Constant) and type(n.value) is int and not LO <= n.value <= HI
           for n in ast.walk(tree)):
        return "E:OverflowError:big integers"
    code = compile(ast.fix_missing_locations(Checked().visit(tree)), "<expr>", "eval")
    return answer(lambda: eval(code, {"binop": binop, "unop": unop}))


counts = {"exact": 0, "exact-skip": 0, "i64": 0, "float": 0}
mismatches = []
for line in sys.stdin:
    parts = line.rstrip("\n").split("\t")
    if parts[0] == "X" and len(parts) == 4:
        _, expr, exact, i64 = parts
        if exact == "SKIP":
            counts["exact-skip"] += 1
        else:
            counts["exact"] += 1
            got = answer(lambda: eval(expr))
            if not matches(exact, got):
                mismatches.append(("exact", expr, exact, got))
        counts["i64"] += 1
        got = i64_answer(expr)
        if not matches(i64, got):
            mismatches.append(("i64", expr, i64, got))
    elif parts[0] == "F" and len(parts) == 3:
        counts["float"] += 1
        x = struct.unpack("<d", bytes.fromhex(parts[1])[::-1])[0]
        if repr(x) != parts[2]:
            mismatches.append(("float", parts[1], parts[2], repr(x)))

for kind, what, want, got in mismatches[:40]:
    print(f"MISMATCH {kind}: {what}\n  oracle:  {want}\n  cpython: {got}")
print(", ".join(f"{k}: {v}" for k, v in counts.items()))
print(f"{sum(v for k, v in counts.items() if k != 'exact-skip') - len(mismatches)} agreed, "
      f"{len(mismatches)} disagreed")
sys.exit(1 if mismatches or not counts["i64"] else 0)
