//! The bytecode: instructions, constants, per-function metadata and the compiled [`Program`].
//!
//! Instructions address registers of the current frame's window with a `u8` ([`Reg`]); jump
//! targets are absolute indices into [`Program::code`]. Every instruction has a source offset
//! at the same index of [`Program::offsets`], read only when an error is reported.

use crate::interner::{Interner, NameId};

/// A register of the current frame (its window of the VM's register stack).
pub type Reg = u8;

/// Index of a function in [`Program::functions`]; 0 is the module body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FuncId(pub u32);

/// Index of a global slot in the VM's global table.
pub type GlobalSlot = u16;

/// A register-machine instruction. Operands are registers unless named otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instr {
    /// `dst = constants[index]`.
    LoadConst {
        dst: Reg,
        index: u16,
    },
    /// `dst = value` for small integers.
    LoadInt {
        dst: Reg,
        value: i32,
    },
    LoadNone {
        dst: Reg,
    },
    LoadBool {
        dst: Reg,
        value: bool,
    },
    Move {
        dst: Reg,
        src: Reg,
    },
    /// `dst = globals[slot]`, NameError when the slot is empty.
    LoadGlobal {
        dst: Reg,
        slot: GlobalSlot,
    },
    StoreGlobal {
        src: Reg,
        slot: GlobalSlot,
    },
    /// Raises UnboundLocalError for local `name` if `reg`'s validity bit is clear.
    CheckBound {
        reg: Reg,
        name: NameId,
    },
    /// Sets `reg`'s validity bit after a write to a local that needs checking.
    MarkBound {
        reg: Reg,
    },
    Add {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Sub {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Mul {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    TrueDiv {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    FloorDiv {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Mod {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Pow {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `dst = a + imm` (an int literal operand folded into the instruction).
    AddImm {
        dst: Reg,
        a: Reg,
        imm: i16,
    },
    /// `dst = a - imm`.
    SubImm {
        dst: Reg,
        a: Reg,
        imm: i16,
    },
    /// `dst = a * imm`.
    MulImm {
        dst: Reg,
        a: Reg,
        imm: i16,
    },
    /// `dst = a % imm`.
    ModImm {
        dst: Reg,
        a: Reg,
        imm: i16,
    },
    /// `dst = [r[start], ..., r[start + count - 1]]`.
    BuildList {
        dst: Reg,
        start: Reg,
        count: u8,
    },
    /// `dst = (r[start], ..., r[start + count - 1])`.
    BuildTuple {
        dst: Reg,
        start: Reg,
        count: u8,
    },
    /// `dst = {r[start]: r[start + 1], ...}` from `count` key/value register pairs.
    BuildDict {
        dst: Reg,
        start: Reg,
        count: u8,
    },
    /// `dst = {r[start], ..., r[start + count - 1]}`, added in order.
    BuildSet {
        dst: Reg,
        start: Reg,
        count: u8,
    },
    /// Adds `r[start..start + count]` to the set in `set` (long displays, set comprehensions).
    SetAddRegs {
        set: Reg,
        start: Reg,
        count: u8,
    },
    /// The set display of constants in `src` (its items added in order) as CPython compiles
    /// it: a frozenset constant rebuilt in its own iteration order, then (if `copy`) copied
    /// into a new set. Each step can change the table layout, so the order (see
    /// `set_constants.rs`).
    FoldSetConstant {
        dst: Reg,
        src: Reg,
        copy: bool,
    },
    /// Appends `r[start..start + count]` to the list in `list` (long displays, by chunks).
    ListExtendRegs {
        list: Reg,
        start: Reg,
        count: u8,
    },
    /// Appends the items of the iterable in `src` to the list in `list` (`[*xs]`; for the
    /// arguments of a call `f(*xs)`, `call` is the callee's register, which names it in the
    /// error for a non-iterable).
    ListExtend {
        list: Reg,
        src: Reg,
        call: Option<Reg>,
    },
    /// Calls `func` with the items of the list in `list` as its positional arguments
    /// (`f(a, *xs)`), then the keyword arguments in `r[list + 1..]` named by
    /// `keyword_names[names]` (`u16::MAX`: none); the result replaces `func`.
    CallStar {
        func: Reg,
        list: Reg,
        names: u16,
    },
    /// `dst = tuple(src)` for the list in `src` (long tuple displays).
    ListToTuple {
        dst: Reg,
        src: Reg,
    },
    /// Unpacks the sequence in `src` into `r[start..start + count]` (its length must match).
    Unpack {
        src: Reg,
        start: Reg,
        count: u8,
    },
    /// Unpacks the iterable in `src` into `r[start..]`: `before` items, a list of the
    /// middle ones, then `after` items (a starred target, `a, *b, c = ...`).
    UnpackStar {
        src: Reg,
        start: Reg,
        before: u8,
        after: u8,
    },
    /// `obj[index] = src`.
    SetItem {
        obj: Reg,
        index: Reg,
        src: Reg,
    },
    /// `r[obj] = r[obj].name(r[obj + 1], ..., r[obj + argc])`: a method of a builtin type.
    CallMethod {
        obj: Reg,
        argc: u8,
        name: NameId,
    },
    /// `CallMethod` with the last arguments passed by keyword: the method's name and the
    /// keyword names are `method_calls[call]`.
    CallMethodKw {
        obj: Reg,
        argc: u8,
        call: u16,
    },
    /// `dst = obj[index]`.
    GetItem {
        dst: Reg,
        obj: Reg,
        index: Reg,
    },
    /// `dst = obj[r[start]:r[start + 1]:r[start + 2]]` (missing bounds are `None`).
    GetSlice {
        dst: Reg,
        obj: Reg,
        start: Reg,
    },
    /// `obj[r[start]:r[start + 1]:r[start + 2]] = src`.
    SetSlice {
        obj: Reg,
        start: Reg,
        src: Reg,
    },
    /// `del obj[index]`.
    DelItem {
        obj: Reg,
        index: Reg,
    },
    /// `del obj[r[start]:r[start + 1]:r[start + 2]]`.
    DelSlice {
        obj: Reg,
        start: Reg,
    },
    /// `del` of a local: clears `reg`'s validity bit (a `CheckBound` precedes it).
    Unbind {
        reg: Reg,
    },
    /// `del` of a global: NameError when unset, then empties the slot.
    DeleteGlobal {
        slot: GlobalSlot,
    },
    /// `dst = format(conversion(src), spec)` for an f-string field: `conversion` is 0 or
    /// `b'r'`/`b's'`/`b'a'`; `spec` holds the (str) format spec when there is one.
    FormatValue {
        dst: Reg,
        src: Reg,
        conversion: u8,
        spec: Option<Reg>,
    },
    /// `dst = r[start] + ... + r[start + count - 1]` for strings (an f-string's parts).
    BuildString {
        dst: Reg,
        start: Reg,
        count: u8,
    },
    /// `dst = ` a new generator running function `constants[index]` (a generator
    /// expression's body) with its parameters in `r[start..]`: the outermost iterable, then
    /// the values of the enclosing variables it reads.
    MakeGenerator {
        dst: Reg,
        index: u16,
        start: Reg,
    },
    /// Suspends the running generator, producing `src` for whoever resumed it.
    Yield {
        src: Reg,
    },
    /// `dst = ` a new function object for `constants[index]` (a function) whose default
    /// values are in `r[start..]`, one per parameter that has one.
    MakeFunction {
        dst: Reg,
        index: u16,
        start: Reg,
    },
    /// The rarer binary operators (bitwise, shifts, `@`).
    BinaryOther {
        op: BinaryOp,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Neg {
        dst: Reg,
        src: Reg,
    },
    Pos {
        dst: Reg,
        src: Reg,
    },
    Invert {
        dst: Reg,
        src: Reg,
    },
    Not {
        dst: Reg,
        src: Reg,
    },
    Compare {
        op: CompareOp,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Jump {
        target: u32,
    },
    /// Jumps to `target` unless `a op b` is true (a fused compare-and-branch).
    CompareJump {
        op: CompareOp,
        a: Reg,
        b: Reg,
        target: u32,
    },
    /// Compare-and-branch specialised per operator (no second dispatch on the operator):
    /// jump to `target` unless `a < b` (and so on).
    JumpUnlessLt {
        a: Reg,
        b: Reg,
        target: u32,
    },
    JumpUnlessLe {
        a: Reg,
        b: Reg,
        target: u32,
    },
    JumpUnlessGt {
        a: Reg,
        b: Reg,
        target: u32,
    },
    JumpUnlessGe {
        a: Reg,
        b: Reg,
        target: u32,
    },
    JumpUnlessEq {
        a: Reg,
        b: Reg,
        target: u32,
    },
    JumpUnlessNe {
        a: Reg,
        b: Reg,
        target: u32,
    },
    /// The same against an int immediate: jump to `target` unless `a < imm` (and so on).
    JumpUnlessLtImm {
        a: Reg,
        imm: i16,
        target: u32,
    },
    JumpUnlessLeImm {
        a: Reg,
        imm: i16,
        target: u32,
    },
    JumpUnlessGtImm {
        a: Reg,
        imm: i16,
        target: u32,
    },
    JumpUnlessGeImm {
        a: Reg,
        imm: i16,
        target: u32,
    },
    JumpUnlessEqImm {
        a: Reg,
        imm: i16,
        target: u32,
    },
    JumpUnlessNeImm {
        a: Reg,
        imm: i16,
        target: u32,
    },
    JumpIfFalse {
        cond: Reg,
        target: u32,
    },
    JumpIfTrue {
        cond: Reg,
        target: u32,
    },
    /// Turns the iterable in `base` into iteration state in `base..base + 3`.
    ForPrep {
        base: Reg,
    },
    /// Next item of the iteration state at `base` into `var`, or jump to `exit` when done.
    ForNext {
        base: Reg,
        var: Reg,
        exit: u32,
    },
    /// A `for` loop's back edge: `ForNext` that continues at `body` (the instruction after
    /// the loop's `ForNext`) while there are items, and falls through when done. Saves the
    /// `Jump` to the top that every iteration would otherwise dispatch. Counts as a step.
    ForLoop {
        base: Reg,
        var: Reg,
        body: u32,
    },
    /// Calls the value in register `callee` with the `argc` arguments in the registers after
    /// `func`, and writes the result to `dst`. The callee's window starts at `func + 1`, so
    /// arguments are not copied; `callee` and `dst` (each often `func` itself) spare the
    /// moves of a function held in a variable and of a result bound for one.
    Call {
        func: Reg,
        argc: u8,
        callee: Reg,
        dst: Reg,
    },
    /// `Call` of the value in global `slot` (a function calling itself by name): the load
    /// happens here instead of in a `LoadGlobal` before the arguments.
    CallGlobal {
        func: Reg,
        argc: u8,
        slot: GlobalSlot,
        dst: Reg,
    },
    /// Like `Call`, with the last arguments passed by keyword: their names are
    /// `keyword_names[names]` (a [`KeywordList`]).
    CallKw {
        func: Reg,
        argc: u8,
        names: u16,
    },
    Return {
        src: Reg,
    },
    ReturnNone,
}

const _: () = assert!(std::mem::size_of::<Instr>() <= 8);

impl Instr {
    /// The compare-and-branch instruction for `op` on two registers, if it has one.
    pub fn jump_unless(op: CompareOp, a: Reg, b: Reg, target: u32) -> Instr {
        match op {
            CompareOp::Lt => Instr::JumpUnlessLt { a, b, target },
            CompareOp::LtE => Instr::JumpUnlessLe { a, b, target },
            CompareOp::Gt => Instr::JumpUnlessGt { a, b, target },
            CompareOp::GtE => Instr::JumpUnlessGe { a, b, target },
            CompareOp::Eq => Instr::JumpUnlessEq { a, b, target },
            CompareOp::NotEq => Instr::JumpUnlessNe { a, b, target },
            _ => Instr::CompareJump { op, a, b, target },
        }
    }

    /// The compare-and-branch instruction for `op` against an immediate, if it has one.
    pub fn jump_unless_imm(op: CompareOp, a: Reg, imm: i16, target: u32) -> Option<Instr> {
        Some(match op {
            CompareOp::Lt => Instr::JumpUnlessLtImm { a, imm, target },
            CompareOp::LtE => Instr::JumpUnlessLeImm { a, imm, target },
            CompareOp::Gt => Instr::JumpUnlessGtImm { a, imm, target },
            CompareOp::GtE => Instr::JumpUnlessGeImm { a, imm, target },
            CompareOp::Eq => Instr::JumpUnlessEqImm { a, imm, target },
            CompareOp::NotEq => Instr::JumpUnlessNeImm { a, imm, target },
            _ => return None,
        })
    }

    /// The jump target of a branch instruction.
    pub fn target_mut(&mut self) -> Option<&mut u32> {
        match self {
            Instr::Jump { target }
            | Instr::JumpIfFalse { target, .. }
            | Instr::JumpIfTrue { target, .. }
            | Instr::CompareJump { target, .. }
            | Instr::JumpUnlessLt { target, .. }
            | Instr::JumpUnlessLe { target, .. }
            | Instr::JumpUnlessGt { target, .. }
            | Instr::JumpUnlessGe { target, .. }
            | Instr::JumpUnlessEq { target, .. }
            | Instr::JumpUnlessNe { target, .. }
            | Instr::JumpUnlessLtImm { target, .. }
            | Instr::JumpUnlessLeImm { target, .. }
            | Instr::JumpUnlessGtImm { target, .. }
            | Instr::JumpUnlessGeImm { target, .. }
            | Instr::JumpUnlessEqImm { target, .. }
            | Instr::JumpUnlessNeImm { target, .. } => Some(target),
            Instr::ForNext { exit, .. } => Some(exit),
            Instr::ForLoop { body, .. } => Some(body),
            _ => None,
        }
    }
}

/// The binary operators that go through [`Instr::BinaryOther`] (and all of them, for messages).
pub use pyrust_parser::{BinaryOp, CompareOp};

/// A constant in [`Program::constants`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Constant {
    Int(i64),
    Float(f64),
    /// A string literal: index into [`Program::strings`].
    Str(u32),
    /// An integer literal too large for `i64`: its source text (digits with any prefix and
    /// underscores), index into [`Program::strings`]; the VM makes the integer.
    BigInt(u32),
    Function(FuncId),
}

/// The builtin functions PyRust implements, each pre-bound to its global slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Print,
    Range,
    Abs,
    Min,
    Max,
    Divmod,
    Pow,
    Round,
    Int,
    Float,
    Bool,
    Len,
    Str,
    List,
    Tuple,
    Sorted,
    Sum,
    Any,
    All,
    Enumerate,
    Zip,
    Map,
    Filter,
    Iter,
    Next,
    Dict,
    Set,
    Format,
    Isinstance,
    Type,
    Reversed,
    Ord,
    Chr,
    Repr,
}

impl Builtin {
    /// Every builtin, in declaration order.
    pub const ALL: [Builtin; 34] = [
        Builtin::Print,
        Builtin::Range,
        Builtin::Abs,
        Builtin::Min,
        Builtin::Max,
        Builtin::Divmod,
        Builtin::Pow,
        Builtin::Round,
        Builtin::Int,
        Builtin::Float,
        Builtin::Bool,
        Builtin::Len,
        Builtin::Str,
        Builtin::List,
        Builtin::Tuple,
        Builtin::Sorted,
        Builtin::Sum,
        Builtin::Any,
        Builtin::All,
        Builtin::Enumerate,
        Builtin::Zip,
        Builtin::Map,
        Builtin::Filter,
        Builtin::Iter,
        Builtin::Next,
        Builtin::Dict,
        Builtin::Set,
        Builtin::Format,
        Builtin::Isinstance,
        Builtin::Type,
        Builtin::Reversed,
        Builtin::Ord,
        Builtin::Chr,
        Builtin::Repr,
    ];

    pub fn from_name(name: &str) -> Option<Builtin> {
        // Every builtin PyRust has is a Python builtin: one look-up in CPython's names.
        python_builtin_index(name).and_then(|index| BUILTIN_OF_PYTHON_NAME[index])
    }

    pub const fn name(self) -> &'static str {
        match self {
            Builtin::Print => "print",
            Builtin::Range => "range",
            Builtin::Abs => "abs",
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Divmod => "divmod",
            Builtin::Pow => "pow",
            Builtin::Round => "round",
            Builtin::Int => "int",
            Builtin::Float => "float",
            Builtin::Bool => "bool",
            Builtin::Len => "len",
            Builtin::Str => "str",
            Builtin::List => "list",
            Builtin::Tuple => "tuple",
            Builtin::Sorted => "sorted",
            Builtin::Sum => "sum",
            Builtin::Any => "any",
            Builtin::All => "all",
            Builtin::Enumerate => "enumerate",
            Builtin::Zip => "zip",
            Builtin::Map => "map",
            Builtin::Filter => "filter",
            Builtin::Iter => "iter",
            Builtin::Next => "next",
            Builtin::Dict => "dict",
            Builtin::Set => "set",
            Builtin::Format => "format",
            Builtin::Isinstance => "isinstance",
            Builtin::Type => "type",
            Builtin::Reversed => "reversed",
            Builtin::Ord => "ord",
            Builtin::Chr => "chr",
            Builtin::Repr => "repr",
        }
    }

    /// Whether CPython implements this builtin as a class (`<class 'int'>`).
    pub fn is_class(self) -> bool {
        matches!(
            self,
            Builtin::Range
                | Builtin::Int
                | Builtin::Float
                | Builtin::Bool
                | Builtin::Str
                | Builtin::List
                | Builtin::Tuple
                | Builtin::Enumerate
                | Builtin::Zip
                | Builtin::Map
                | Builtin::Filter
                | Builtin::Dict
                | Builtin::Set
                | Builtin::Type
                | Builtin::Reversed
        )
    }
}

/// Whether `name` is one of CPython 3.11's builtins (implemented by PyRust or not). Reading
/// such a name at module level before assigning it finds the builtin, so the compiler never
/// keeps it in a register.
pub fn is_python_builtin(name: &str) -> bool {
    python_builtin_index(name).is_some()
}

/// Where `name` is in [`PYTHON_BUILTIN_NAMES`], if it is there.
#[inline(always)]
fn python_builtin_index(name: &str) -> Option<usize> {
    // Most names (`x`, `total`, `i`) are rejected by their first byte and length alone,
    // without a string comparison.
    let (Some(&first), len @ 1..=63) = (name.as_bytes().first(), name.len()) else {
        return None;
    };
    let last = name.as_bytes()[len - 1];
    let last_byte_fits =
        last < 128 && BUILTIN_LAST_BYTES[(last >> 6) as usize & 1] & (1 << (last & 63)) != 0;
    if BUILTIN_FIRST_BYTE_LENGTHS[first as usize & 127] & (1 << len) == 0 || !last_byte_fits {
        return None;
    }
    find_python_builtin(name, first)
}

/// The names sharing the first byte (`==` compares lengths before bytes): a handful at most,
/// where a binary search over all of them made eight `memcmp` calls. Out of line: inlined,
/// it made its callers' code larger and the variables program 50 instructions slower.
#[inline(never)]
fn find_python_builtin(name: &str, first: u8) -> Option<usize> {
    let (start, end) = BUILTIN_FIRST_BYTE_RANGES[first as usize & 127];
    (start as usize..end as usize).find(|&index| PYTHON_BUILTIN_NAMES[index] == name)
}

/// For each first byte (ASCII), the range of [`PYTHON_BUILTIN_NAMES`] whose names start with
/// it (the names are sorted, so they are contiguous).
const BUILTIN_FIRST_BYTE_RANGES: [(u16, u16); 128] = {
    let mut ranges = [(0u16, 0u16); 128];
    let mut i = 0;
    while i < PYTHON_BUILTIN_NAMES.len() {
        let first = PYTHON_BUILTIN_NAMES[i].as_bytes()[0] as usize;
        if ranges[first].1 == 0 {
            ranges[first].0 = i as u16;
        }
        ranges[first].1 = i as u16 + 1;
        i += 1;
    }
    ranges
};

/// The [`Builtin`] of each name of [`PYTHON_BUILTIN_NAMES`] (same order); `None` for the
/// builtins PyRust does not implement.
const BUILTIN_OF_PYTHON_NAME: [Option<Builtin>; PYTHON_BUILTIN_NAMES.len()] = {
    const fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    let mut table = [None; PYTHON_BUILTIN_NAMES.len()];
    let mut b = 0;
    while b < Builtin::ALL.len() {
        let builtin = Builtin::ALL[b];
        let mut i = 0;
        while i < PYTHON_BUILTIN_NAMES.len() && !same(PYTHON_BUILTIN_NAMES[i], builtin.name()) {
            i += 1;
        }
        assert!(
            i < PYTHON_BUILTIN_NAMES.len(),
            "every builtin PyRust has is CPython's"
        );
        table[i] = Some(builtin);
        b += 1;
    }
    table
};

/// The last bytes of builtins' names (ASCII) as a 128-bit set: names such as `f12` or `v3`,
/// which pass the first-byte-and-length test, end in a digit, and no builtin's name does.
const BUILTIN_LAST_BYTES: [u64; 2] = {
    let mut set = [0u64; 2];
    let mut i = 0;
    while i < PYTHON_BUILTIN_NAMES.len() {
        let name = PYTHON_BUILTIN_NAMES[i].as_bytes();
        let last = name[name.len() - 1];
        assert!(last < 128);
        set[(last >> 6) as usize] |= 1 << (last & 63);
        i += 1;
    }
    set
};

/// For each first byte (ASCII; builtins' names are), bit `n` is set when a builtin's name of
/// `n` bytes starts with it.
const BUILTIN_FIRST_BYTE_LENGTHS: [u64; 128] = {
    let mut table = [0u64; 128];
    let mut i = 0;
    while i < PYTHON_BUILTIN_NAMES.len() {
        let name = PYTHON_BUILTIN_NAMES[i].as_bytes();
        assert!(name[0] < 128 && name.len() < 64);
        table[name[0] as usize] |= 1 << name.len();
        i += 1;
    }
    table
};

/// CPython 3.11's builtin names, sorted (for `is_python_builtin`).
pub const PYTHON_BUILTIN_NAMES: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "False",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "None",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "True",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
    "__build_class__",
    "__debug__",
    "__doc__",
    "__import__",
    "__loader__",
    "__name__",
    "__package__",
    "__spec__",
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
];

/// Keyword names of one call site: a range of [`Program::keyword_names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeywordList {
    pub start: u32,
    pub len: u32,
}

/// What the VM needs to know about a function to call it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionInfo {
    pub name: NameId,
    /// Index of the first instruction in [`Program::code`].
    pub entry: u32,
    /// Positional parameters (the first registers of the frame).
    pub param_count: u8,
    /// Keyword-only parameters, in the registers after the positional ones; then the
    /// `*args` tuple and the `**kwargs` dict when the function has them.
    pub kwonly_count: u8,
    pub varargs: bool,
    pub varkw: bool,
    /// The argument count the VM's fast call path accepts: `param_count` when the function
    /// takes exactly its positional parameters and needs no validity bitmap, otherwise 256
    /// (never a count).
    pub fast_argc: u16,
    /// Parameter names, a range of [`Program::param_names`] (for keyword calls and messages).
    pub params_start: u32,
    /// Registers the function uses (its highest register plus one); its frame window size.
    pub register_count: u16,
    /// Registers holding locals that may be read before assignment: unbound on entry. A
    /// function with any bit set gets its own bitmap in each frame (so `fast_argc` is 256).
    pub unbound_on_entry: [u64; 4],
}

impl FunctionInfo {
    /// Registers taken by parameters: positional, keyword-only, `*args`, `**kwargs`.
    pub fn total_params(&self) -> usize {
        self.param_count as usize
            + self.kwonly_count as usize
            + usize::from(self.varargs)
            + usize::from(self.varkw)
    }

    /// A function with no parameters of its own, such as the module body.
    pub fn new(name: NameId) -> FunctionInfo {
        FunctionInfo {
            name,
            entry: 0,
            param_count: 0,
            kwonly_count: 0,
            varargs: false,
            varkw: false,
            fast_argc: 0,
            params_start: 0,
            register_count: 0,
            unbound_on_entry: [0; 4],
        }
    }
}

/// The name of function 0, the module body.
pub const MODULE_NAME: &str = "<module>";

/// A compiled module.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub code: Vec<Instr>,
    /// Source byte offset of each instruction, for error lines.
    pub offsets: Vec<u32>,
    pub functions: Vec<FunctionInfo>,
    pub constants: Vec<Constant>,
    /// String literals: ranges of `string_data`.
    pub strings: Vec<(u32, u32)>,
    pub string_data: String,
    pub names: Interner,
    /// The name of each global slot.
    pub global_names: Vec<NameId>,
    /// Builtins pre-bound to global slots: `(slot, builtin)`.
    pub builtin_slots: Vec<(GlobalSlot, Builtin)>,
    pub param_names: Vec<NameId>,
    /// Parallel to `param_names`: whether the parameter has a default value (which the
    /// function object made by [`Instr::MakeFunction`] holds).
    pub param_has_default: Vec<bool>,
    pub keyword_names: Vec<NameId>,
    pub keyword_lists: Vec<KeywordList>,
    /// Method calls with keyword arguments: the method name and a `keyword_lists` index.
    pub method_calls: Vec<(NameId, u16)>,
    /// Instructions (sorted) that perform an augmented assignment's operation.
    pub augmented_ips: Vec<u32>,
}

impl Program {
    /// Empties the program, keeping its storage for the next compilation.
    pub fn clear(&mut self) {
        self.names.clear();
        self.clear_except_names();
    }

    fn clear_except_names(&mut self) {
        self.functions.clear();
        self.clear_except_names_and_functions();
    }

    fn clear_except_names_and_functions(&mut self) {
        self.code.clear();
        self.offsets.clear();
        self.constants.clear();
        self.strings.clear();
        self.string_data.clear();
        self.global_names.clear();
        self.builtin_slots.clear();
        self.param_names.clear();
        self.param_has_default.clear();
        self.keyword_names.clear();
        self.keyword_lists.clear();
        self.method_calls.clear();
        self.augmented_ips.clear();
    }

    /// [`Program::clear`] for a new compilation, but the interner holds exactly
    /// [`MODULE_NAME`] afterwards (kept from the last compilation, so not hashed again). Function 0's slot is kept too, for the compiler to
    /// overwrite with the module's [`FunctionInfo`] (so it is not pushed again).
    pub(crate) fn reset(&mut self) {
        self.names.reset_to_module_name();
        self.clear_except_names_and_functions();
        self.functions.truncate(1);
    }

    /// A readable listing of the code, one instruction per line, functions labelled.
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        for (ip, instr) in self.code.iter().enumerate() {
            if let Some(function) = self.functions.iter().find(|f| f.entry as usize == ip) {
                out.push_str(&format!(
                    "{}: params={} registers={}\n",
                    self.names.resolve(function.name),
                    function.param_count,
                    function.register_count
                ));
            }
            out.push_str(&format!("  {ip:4} {instr:?}\n"));
        }
        out
    }

    /// The text of string constant `index`.
    /// Appends `text` to the string table; returns its index.
    pub fn push_string(&mut self, text: &str) -> u32 {
        let start = self.string_data.len() as u32;
        self.string_data.push_str(text);
        let index = self.strings.len() as u32;
        self.strings.push((start, text.len() as u32));
        index
    }

    pub fn string(&self, index: u32) -> &str {
        let (start, len) = self.strings[index as usize];
        &self.string_data[start as usize..(start + len) as usize]
    }

    /// The positional parameter names of `function`.
    pub fn params(&self, function: &FunctionInfo) -> &[NameId] {
        let start = function.params_start as usize;
        &self.param_names[start..start + function.param_count as usize]
    }

    /// Every parameter name of `function`, in frame order (positional, keyword-only,
    /// `*args`, `**kwargs`), with whether each has a default value.
    pub fn all_params(&self, function: &FunctionInfo) -> (&[NameId], &[bool]) {
        let start = function.params_start as usize;
        let len = function.total_params();
        (
            &self.param_names[start..start + len],
            &self.param_has_default[start..start + len],
        )
    }

    /// The keyword names of a call site.
    pub fn keywords(&self, list: u16) -> &[NameId] {
        let list = self.keyword_lists[list as usize];
        &self.keyword_names[list.start as usize..(list.start + list.len) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_names_are_recognised_and_others_not() {
        assert!(PYTHON_BUILTIN_NAMES.windows(2).all(|w| w[0] < w[1]));
        for name in PYTHON_BUILTIN_NAMES {
            assert!(is_python_builtin(name), "{name}");
        }
        for name in [
            "", "x", "total", "prints", "Print", "_", "é", "lens", "sum_", "f12", "v3", "sé",
        ] {
            assert!(!is_python_builtin(name), "{name}");
        }
        for builtin in Builtin::ALL {
            assert!(is_python_builtin(builtin.name()), "{}", builtin.name());
            assert_eq!(Builtin::from_name(builtin.name()), Some(builtin));
        }
        assert_eq!(Builtin::from_name("f12"), None);
    }

    #[test]
    fn a_python_builtin_pyrust_lacks_is_no_builtin_of_its_own() {
        for name in PYTHON_BUILTIN_NAMES {
            let implemented = Builtin::ALL.into_iter().find(|b| b.name() == *name);
            assert_eq!(Builtin::from_name(name), implemented, "{name}");
        }
    }
}
