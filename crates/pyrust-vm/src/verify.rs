//! Bytecode verification, run before every program: it proves the facts the dispatch loop
//! relies on to skip bounds checks, so a hand-built or corrupted [`Program`] is rejected
//! instead of being undefined behaviour.
//!
//! Proven here: every function's code is a non-empty range that ends in a return or a jump;
//! every jump stays inside its function; every register operand (including the argument
//! windows of calls and the three registers of loop state) is below the function's
//! `register_count`; every constant, global slot, name, keyword list and string range exists.

use pyrust_compiler::{Constant, Instr, Program};

/// A program [`verify`] accepted. It borrows the program, so the program cannot change while
/// this exists: a VM made from it ([`Vm::with_verified`](crate::Vm::with_verified)) skips the
/// check, which pays when one program runs many times.
#[derive(Clone, Copy, Debug)]
pub struct VerifiedProgram<'p>(&'p Program);

impl<'p> VerifiedProgram<'p> {
    /// Verifies `program`; returns a description of the first problem found.
    pub fn new(program: &'p Program) -> Result<VerifiedProgram<'p>, String> {
        verify(program)?;
        Ok(VerifiedProgram(program))
    }

    pub fn program(self) -> &'p Program {
        self.0
    }
}

/// Checks `program`; returns a description of the first problem found.
#[inline(never)]
pub fn verify(program: &Program) -> Result<(), String> {
    first_problem(program).map_err(describe)
}

/// Whether `program` passes [`verify`] (what a run checks first: a `bool` comes back in a
/// register, where [`verify`]'s `Result` is written through memory and tested again).
///
/// A module alone with empty tables (most snippets) is checked here by a loop that calls
/// nothing and needs few registers; it is inlined into the run, which then makes no call
/// before dispatch. Anything
/// else (more functions, filled tables, an instruction off [`is_register_only_and_valid`])
/// goes on out of line, from where this stopped: nothing is checked twice.
#[inline(always)]
pub(crate) fn is_valid(program: &Program) -> bool {
    let [module] = program.functions.as_slice() else {
        return all_functions_are_valid(program);
    };
    let code_len = program.code.len();
    if program.offsets.len() != code_len {
        return false;
    }
    if tables_filled(program) {
        return module_with_tables_is_valid(program);
    }
    if check_header(program, module, program.names.len(), code_len).is_err() {
        return false;
    }
    let start = module.entry as usize;
    let registers = module.register_count as usize;
    // Not empty (`check_header` proved `start < code_len`).
    let Some((last, body)) = program.code[start..code_len].split_last() else {
        return false;
    };
    // The index of an instruction is found from its address (no counter in the loop).
    for instr in body {
        if !is_register_only_and_valid(instr, registers, start..code_len) {
            let offset = instr as *const Instr as usize - body.as_ptr() as usize;
            return module_code_is_valid_from(program, start + offset / size_of::<Instr>());
        }
    }
    // The last instruction must end the function (`check_function`'s terminator test),
    // checked here with its operands in one match.
    match *last {
        Instr::Return { src } => (src as usize) < registers,
        Instr::ReturnNone => true,
        Instr::Jump { target } => (start..code_len).contains(&(target as usize)),
        _ => false,
    }
}

/// [`is_valid`] for a program of more than one function (or none).
#[inline(never)]
fn all_functions_are_valid(program: &Program) -> bool {
    first_problem(program).is_ok()
}

/// [`is_valid`] for a module alone whose tables are not all empty (its line table checked).
#[inline(never)]
fn module_with_tables_is_valid(program: &Program) -> bool {
    let Some(module) = program.functions.first() else {
        return false;
    };
    let code_len = program.code.len();
    check_table_entries(program).is_ok()
        && check_function(program, module, program.names.len(), code_len).is_ok()
        && check_code(program, module, module.entry as usize, code_len).is_ok()
}

/// [`is_valid`] for a module alone from instruction `from` on (all before it checked, and
/// its header; not yet its terminator).
#[inline(never)]
fn module_code_is_valid_from(program: &Program, from: usize) -> bool {
    let Some(module) = program.functions.first() else {
        return false;
    };
    let code_len = program.code.len();
    ends_in_return_or_jump(program, code_len).is_ok()
        && check_code(program, module, from, code_len).is_ok()
}

/// A problem found: the instruction it is in (`None` for the tables and function headers)
/// and what is wrong. Static text, so a valid program builds no string.
type Problem = (Option<usize>, &'static str);

#[cold]
fn describe((at, problem): Problem) -> String {
    match at {
        Some(ip) => format!("instruction {ip}: {problem}"),
        None => problem.to_string(),
    }
}

#[inline(always)]
fn first_problem(program: &Program) -> Result<(), Problem> {
    let whole = |problem| (None, problem);
    let code_len = program.code.len();
    if program.functions.is_empty() {
        return Err(whole("no module function"));
    }
    if program.offsets.len() != code_len {
        return Err(whole("line table and code differ in length"));
    }
    check_tables(program).map_err(whole)?;
    let names = program.names.len();
    // Most snippets are a module alone, whose code is all the code: no loop over functions.
    if let [module] = program.functions.as_slice() {
        check_function(program, module, names, code_len).map_err(whole)?;
        return check_code(program, module, module.entry as usize, code_len);
    }
    // Functions are laid out in order (as the compiler emits them): each one's code runs
    // from its entry to the next function's entry, or to the end of the code.
    for (index, function) in program.functions.iter().enumerate() {
        let end = program
            .functions
            .get(index + 1)
            .map_or(code_len, |next| next.entry as usize);
        check_function(program, function, names, end).map_err(whole)?;
        check_code(program, function, function.entry as usize, end)?;
    }
    Ok(())
}

/// The instructions of `function` from `from` to `end` (exclusive), where its code ends
/// (its header already checked).
#[inline(always)]
fn check_code(
    program: &Program,
    function: &pyrust_compiler::FunctionInfo,
    from: usize,
    end: usize,
) -> Result<(), Problem> {
    let start = function.entry as usize;
    let registers = function.register_count as usize;
    for (ip, instr) in program.code[from..end].iter().enumerate() {
        if !is_common_and_valid(program, instr, registers, start..end) {
            check_instruction(program, instr, registers, start..end)
                .map_err(|problem| (Some(from + ip), problem))?;
        }
    }
    Ok(())
}

/// [`is_common_and_valid`] for the instructions whose operands are registers and jump
/// targets only (no table index), for [`is_valid`]'s loop: it needs no table length, so
/// that loop keeps everything in registers a call may clobber. `false` leaves the
/// instruction to the full check.
#[inline(always)]
fn is_register_only_and_valid(
    instr: &Instr,
    registers: usize,
    range: std::ops::Range<usize>,
) -> bool {
    let reg = |r: u8| (r as usize) < registers;
    let target = |t: u32| range.contains(&(t as usize));
    match *instr {
        Instr::Call {
            func,
            argc,
            callee,
            dst,
        } => (func as usize + argc as usize) < registers && reg(callee) && reg(dst),
        Instr::LoadInt { dst, .. }
        | Instr::LoadNone { dst }
        | Instr::LoadBool { dst, .. }
        | Instr::Return { src: dst } => reg(dst),
        Instr::Move { dst, src }
        | Instr::AddImm { dst, a: src, .. }
        | Instr::SubImm { dst, a: src, .. }
        | Instr::MulImm { dst, a: src, .. }
        | Instr::ModImm { dst, a: src, .. } => reg(dst) && reg(src),
        Instr::Add { dst, a, b }
        | Instr::Sub { dst, a, b }
        | Instr::Mul { dst, a, b }
        | Instr::TrueDiv { dst, a, b }
        | Instr::FloorDiv { dst, a, b }
        | Instr::Mod { dst, a, b }
        | Instr::Compare { dst, a, b, .. } => reg(dst) && reg(a) && reg(b),
        Instr::Jump { target: t } => target(t),
        Instr::JumpIfFalse { cond, target: t } | Instr::JumpIfTrue { cond, target: t } => {
            reg(cond) && target(t)
        }
        Instr::JumpUnlessLt { a, b, target: t }
        | Instr::JumpUnlessLe { a, b, target: t }
        | Instr::JumpUnlessGt { a, b, target: t }
        | Instr::JumpUnlessGe { a, b, target: t }
        | Instr::JumpUnlessEq { a, b, target: t }
        | Instr::JumpUnlessNe { a, b, target: t } => reg(a) && reg(b) && target(t),
        Instr::ReturnNone => true,
        _ => false,
    }
}

/// Whether `instr` is one of the commonest instructions (register operands, jumps, constant
/// and global slots, plain calls) and valid. Anything else, valid or not, is left to
/// [`check_instruction`], which checks every instruction: this is a shortcut that keeps the
/// loop over the code small, never the only check of an instruction. The register-only
/// arms are [`is_register_only_and_valid`]'s, so the two shortcuts cannot disagree.
#[inline(always)]
fn is_common_and_valid(
    program: &Program,
    instr: &Instr,
    registers: usize,
    range: std::ops::Range<usize>,
) -> bool {
    let reg = |r: u8| (r as usize) < registers;
    match *instr {
        Instr::LoadConst { dst, index } => reg(dst) && (index as usize) < program.constants.len(),
        Instr::LoadGlobal { dst: r, slot } | Instr::StoreGlobal { src: r, slot } => {
            reg(r) && (slot as usize) < program.global_names.len()
        }
        Instr::CallGlobal {
            func,
            argc,
            slot,
            dst,
        } => {
            (func as usize + argc as usize) < registers
                && (slot as usize) < program.global_names.len()
                && reg(dst)
        }
        _ => is_register_only_and_valid(instr, registers, range),
    }
}

/// The program's tables: names, string ranges, keyword lists, constants, builtin slots.
/// Small programs leave most of them empty, so one test skips the lot.
#[inline]
fn check_tables(program: &Program) -> Result<(), &'static str> {
    if !tables_filled(program) {
        return Ok(());
    }
    check_table_entries(program)
}

/// Whether any table has an entry (one test for all of them).
#[inline(always)]
fn tables_filled(program: &Program) -> bool {
    let filled = program.global_names.len()
        | program.param_names.len()
        | program.keyword_names.len()
        | program.strings.len()
        | program.keyword_lists.len()
        | program.constants.len()
        | program.builtin_slots.len();
    filled != 0
}

/// [`check_tables`] for tables that are not all empty (out of line: its loops need registers
/// the rest of the verifier then does not have to save).
#[inline(never)]
fn check_table_entries(program: &Program) -> Result<(), &'static str> {
    let names = program.names.len();
    let name_ok = |id: &pyrust_compiler::NameId| (id.0 as usize) < names;
    if !program.global_names.iter().all(name_ok)
        || !program.param_names.iter().all(name_ok)
        || !program.keyword_names.iter().all(name_ok)
    {
        return Err("unknown name id");
    }
    for &(start, len) in &program.strings {
        let end = start as usize + len as usize;
        if program.string_data.get(start as usize..end).is_none() {
            return Err("string constant out of range");
        }
    }
    for list in &program.keyword_lists {
        if list.start as usize + list.len as usize > program.keyword_names.len() {
            return Err("keyword list out of range");
        }
    }
    for constant in &program.constants {
        match *constant {
            Constant::Str(index) | Constant::BigInt(index)
                if index as usize >= program.strings.len() =>
            {
                return Err("string constant index out of range")
            }
            Constant::Function(id) if id.0 as usize >= program.functions.len() => {
                return Err("function constant out of range")
            }
            _ => {}
        }
    }
    if program
        .builtin_slots
        .iter()
        .any(|&(slot, _)| slot as usize >= program.global_names.len())
    {
        return Err("builtin slot out of range");
    }
    Ok(())
}

/// One function's header, given where its code ends (`end`, exclusive), and that its code
/// ends in a return or a jump.
#[inline]
fn check_function(
    program: &Program,
    function: &pyrust_compiler::FunctionInfo,
    names: usize,
    end: usize,
) -> Result<(), &'static str> {
    check_header(program, function, names, end)?;
    ends_in_return_or_jump(program, end)
}

/// That the code ending at `end` (a function's, whose header is checked: `end` is within the
/// code and past its entry) ends in a return or a jump.
#[inline]
fn ends_in_return_or_jump(program: &Program, end: usize) -> Result<(), &'static str> {
    let last = end.checked_sub(1).and_then(|at| program.code.get(at));
    if !matches!(
        last,
        Some(Instr::Return { .. } | Instr::ReturnNone | Instr::Jump { .. })
    ) {
        return Err("function code does not end in a return or jump");
    }
    Ok(())
}

/// One function's header: its name, its parameters' names and its code range, given where
/// its code ends (`end`, exclusive).
#[inline]
fn check_header(
    program: &Program,
    function: &pyrust_compiler::FunctionInfo,
    names: usize,
    end: usize,
) -> Result<(), &'static str> {
    if function.name.0 as usize >= names {
        return Err("unknown function name");
    }
    if function.params_start as usize + function.param_count as usize > program.param_names.len() {
        return Err("parameter names out of range");
    }
    let start = function.entry as usize;
    if start >= end || end > program.code.len() {
        return Err("function code empty, out of range or out of order");
    }
    Ok(())
}

/// Checks any instruction (out of line: most are handled by [`is_common_and_valid`]).
#[inline(never)]
fn check_instruction(
    program: &Program,
    instr: &Instr,
    registers: usize,
    range: std::ops::Range<usize>,
) -> Result<(), &'static str> {
    let reg = |r: u8| {
        if (r as usize) < registers {
            Ok(())
        } else {
            Err("register out of range")
        }
    };
    let span = |first: u8, count: usize| {
        if first as usize + count < registers {
            Ok(())
        } else {
            Err("register window out of range")
        }
    };
    let target = |t: u32| {
        if range.contains(&(t as usize)) {
            Ok(())
        } else {
            Err("jump target outside its function")
        }
    };
    let slot = |s: u16| {
        if (s as usize) < program.global_names.len() {
            Ok(())
        } else {
            Err("global slot out of range")
        }
    };
    match *instr {
        Instr::LoadConst { dst, index } => {
            reg(dst)?;
            if index as usize >= program.constants.len() {
                return Err("constant out of range");
            }
        }
        Instr::LoadInt { dst, .. } | Instr::LoadNone { dst } | Instr::LoadBool { dst, .. } => {
            reg(dst)?
        }
        Instr::Move { dst, src }
        | Instr::Neg { dst, src }
        | Instr::Pos { dst, src }
        | Instr::Invert { dst, src }
        | Instr::Not { dst, src } => {
            reg(dst)?;
            reg(src)?;
        }
        Instr::LoadGlobal { dst, slot: s } => {
            reg(dst)?;
            slot(s)?;
        }
        Instr::StoreGlobal { src, slot: s } => {
            reg(src)?;
            slot(s)?;
        }
        Instr::CheckBound { reg: r, name } => {
            reg(r)?;
            if name.0 as usize >= program.names.len() {
                return Err("unknown name");
            }
        }
        Instr::MarkBound { reg: r } | Instr::Unbind { reg: r } => reg(r)?,
        Instr::DeleteGlobal { slot: s } => slot(s)?,
        Instr::FormatValue { dst, src, spec, .. } => {
            reg(dst)?;
            reg(src)?;
            if let Some(spec) = spec {
                reg(spec)?;
            }
        }
        Instr::BuildString { dst, start, count } => {
            reg(dst)?;
            if count > 0 {
                span(start, count as usize - 1)?;
            }
        }
        Instr::Yield { src } => reg(src)?,
        Instr::ListExtend { list, src, call } => {
            reg(list)?;
            reg(src)?;
            if let Some(call) = call {
                reg(call)?;
            }
        }
        Instr::CallStar { func, list, names } => {
            reg(func)?;
            reg(list)?;
            if names != u16::MAX {
                let Some(keywords) = program.keyword_lists.get(names as usize) else {
                    return Err("keyword list out of range");
                };
                if keywords.len > 0 {
                    span(list, keywords.len as usize)?;
                }
            }
        }
        Instr::UnpackStar {
            src,
            start,
            before,
            after,
        } => {
            reg(src)?;
            span(start, before as usize + after as usize)?;
        }
        Instr::MakeGenerator { dst, index, start } => {
            reg(dst)?;
            let Some(&Constant::Function(id)) = program.constants.get(index as usize) else {
                return Err("MakeGenerator of a non-function constant");
            };
            let Some(info) = program.functions.get(id.0 as usize) else {
                return Err("function constant out of range");
            };
            if info.param_count == 0 {
                return Err("a generator needs its iterable");
            }
            span(start, info.param_count as usize - 1)?;
        }
        Instr::MakeFunction { dst, index, start } => {
            reg(dst)?;
            let Some(&Constant::Function(id)) = program.constants.get(index as usize) else {
                return Err("MakeFunction of a non-function constant");
            };
            let Some(info) = program.functions.get(id.0 as usize) else {
                return Err("function constant out of range");
            };
            let (params, has_default) = (
                info.params_start as usize,
                info.params_start as usize + info.total_params(),
            );
            let Some(flags) = program.param_has_default.get(params..has_default) else {
                return Err("parameter names out of range");
            };
            let count = flags.iter().filter(|&&d| d).count();
            if count > 0 {
                span(start, count - 1)?;
            }
        }
        Instr::GetSlice { dst, obj, start } => {
            reg(dst)?;
            reg(obj)?;
            span(start, 2)?;
        }
        Instr::SetSlice { obj, start, src } => {
            reg(obj)?;
            reg(src)?;
            span(start, 2)?;
        }
        Instr::DelSlice { obj, start } => {
            reg(obj)?;
            span(start, 2)?;
        }
        Instr::DelItem { obj, index } => {
            reg(obj)?;
            reg(index)?;
        }
        Instr::Add { dst, a, b }
        | Instr::Sub { dst, a, b }
        | Instr::Mul { dst, a, b }
        | Instr::TrueDiv { dst, a, b }
        | Instr::FloorDiv { dst, a, b }
        | Instr::Mod { dst, a, b }
        | Instr::Pow { dst, a, b }
        | Instr::BinaryOther { dst, a, b, .. }
        | Instr::GetItem {
            dst,
            obj: a,
            index: b,
        }
        | Instr::Compare { dst, a, b, .. } => {
            reg(dst)?;
            reg(a)?;
            reg(b)?;
        }
        Instr::AddImm { dst, a, .. }
        | Instr::SubImm { dst, a, .. }
        | Instr::MulImm { dst, a, .. }
        | Instr::ModImm { dst, a, .. } => {
            reg(dst)?;
            reg(a)?;
        }
        Instr::Jump { target: t } => target(t)?,
        Instr::JumpIfFalse { cond, target: t } | Instr::JumpIfTrue { cond, target: t } => {
            reg(cond)?;
            target(t)?;
        }
        Instr::CompareJump {
            a, b, target: t, ..
        }
        | Instr::JumpUnlessLt { a, b, target: t }
        | Instr::JumpUnlessLe { a, b, target: t }
        | Instr::JumpUnlessGt { a, b, target: t }
        | Instr::JumpUnlessGe { a, b, target: t }
        | Instr::JumpUnlessEq { a, b, target: t }
        | Instr::JumpUnlessNe { a, b, target: t } => {
            reg(a)?;
            reg(b)?;
            target(t)?;
        }
        Instr::JumpUnlessLtImm { a, target: t, .. }
        | Instr::JumpUnlessLeImm { a, target: t, .. }
        | Instr::JumpUnlessGtImm { a, target: t, .. }
        | Instr::JumpUnlessGeImm { a, target: t, .. }
        | Instr::JumpUnlessEqImm { a, target: t, .. }
        | Instr::JumpUnlessNeImm { a, target: t, .. } => {
            reg(a)?;
            target(t)?;
        }
        Instr::ForPrep { base } => span(base, 2)?,
        Instr::ForNext { base, var, exit: t } | Instr::ForLoop { base, var, body: t } => {
            span(base, 2)?;
            reg(var)?;
            target(t)?;
        }
        Instr::Call {
            func,
            argc,
            callee,
            dst,
        } => {
            span(func, argc as usize)?;
            reg(callee)?;
            reg(dst)?;
        }
        Instr::CallMethodKw { obj, argc, call } => {
            span(obj, argc as usize)?;
            let Some(&(name, list)) = program.method_calls.get(call as usize) else {
                return Err("method call out of range");
            };
            let Some(keywords) = program.keyword_lists.get(list as usize) else {
                return Err("keyword list out of range");
            };
            if name.0 as usize >= program.names.len() || keywords.len as usize > argc as usize {
                return Err("bad keyword method call");
            }
        }
        Instr::CallMethod { obj, argc, name } => {
            span(obj, argc as usize)?;
            if name.0 as usize >= program.names.len() {
                return Err("unknown name");
            }
        }
        Instr::BuildList { dst, start, count }
        | Instr::BuildTuple { dst, start, count }
        | Instr::BuildSet { dst, start, count } => {
            reg(dst)?;
            if count > 0 {
                span(start, count as usize - 1)?;
            }
        }
        Instr::BuildDict { dst, start, count } => {
            reg(dst)?;
            if count > 0 {
                span(start, count as usize * 2 - 1)?;
            }
        }
        Instr::ListExtendRegs { list, start, count }
        | Instr::SetAddRegs {
            set: list,
            start,
            count,
        } => {
            reg(list)?;
            if count > 0 {
                span(start, count as usize - 1)?;
            }
        }
        Instr::Unpack { src, start, count } => {
            reg(src)?;
            if count > 0 {
                span(start, count as usize - 1)?;
            }
        }
        Instr::ListToTuple { dst, src } | Instr::FoldSetConstant { dst, src, .. } => {
            reg(dst)?;
            reg(src)?;
        }
        Instr::SetItem { obj, index, src } => {
            reg(obj)?;
            reg(index)?;
            reg(src)?;
        }
        Instr::CallGlobal {
            func,
            argc,
            slot: s,
            dst,
        } => {
            span(func, argc as usize)?;
            slot(s)?;
            reg(dst)?;
        }
        Instr::CallKw { func, argc, names } => {
            span(func, argc as usize)?;
            let Some(list) = program.keyword_lists.get(names as usize) else {
                return Err("keyword list out of range");
            };
            if list.len as usize > argc as usize {
                return Err("more keywords than arguments");
            }
        }
        Instr::Return { src } => reg(src)?,
        Instr::ReturnNone => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Instructions that are invalid in any small program: registers past its frame, and a
    /// jump target, constant and global slot past its tables.
    const CORRUPTIONS: [Instr; 5] = [
        Instr::LoadInt { dst: 200, value: 1 },
        Instr::Move { dst: 0, src: 250 },
        Instr::Jump { target: 999 },
        Instr::LoadConst { dst: 0, index: 999 },
        Instr::LoadGlobal { dst: 0, slot: 999 },
    ];

    fn compiled(source: &str) -> Program {
        let ast = pyrust_parser::parse(source).expect("parses");
        pyrust_compiler::compile(source, &ast).expect("compiles")
    }

    #[test]
    fn compiled_programs_verify() {
        for source in [
            "2 + 3",
            "def f(a, b):\n    if a < b:\n        return a\n    return f(b, a)\nf(1, 2)",
            "for i in range(3):\n    print(i, end='')\nx = 1 if i else 2",
        ] {
            assert_eq!(verify(&compiled(source)), Ok(()), "{source}");
        }
    }

    #[test]
    fn shortcut_agrees_with_the_full_check() {
        let program = compiled(
            "def f(a, b):\n    if a < b:\n        return a % 3\n    return f(b, a) - 1\n\
             x = 0\nwhile x < 9:\n    x = x + 2 * x // 3 + 1\n    y = x == 4\nf(1, 2)",
        );
        let mut common = 0;
        for function in &program.functions {
            let range = function.entry as usize..program.code.len();
            let registers = function.register_count as usize;
            for narrowed in [registers, 1] {
                for instr in &program.code[range.clone()] {
                    if is_common_and_valid(&program, instr, narrowed, range.clone()) {
                        common += 1;
                        assert_eq!(
                            check_instruction(&program, instr, narrowed, range.clone()),
                            Ok(()),
                            "{instr:?}"
                        );
                    }
                }
            }
        }
        assert!(common > 10);
    }

    #[test]
    fn corrupted_instructions_and_headers_are_rejected_and_located() {
        let program = compiled(
            "def f(a, b):\n    if a < b:\n        return a % 3\n    return f(b, a) - 1\n\
             x = [i for i in range(3)]\nwhile len(x) < 9:\n    x.append(f(1, 2))\nx",
        );
        assert_eq!(verify(&program), Ok(()));
        for at in 0..program.code.len() {
            for replacement in CORRUPTIONS {
                let mut corrupted = program.clone();
                corrupted.code[at] = replacement;
                let problem = verify(&corrupted).expect_err("a corrupted instruction");
                // Found at the instruction, or (a function's last one) by its header check.
                let located = problem.starts_with(&format!("instruction {at}: "));
                assert!(located || !problem.starts_with("instruction "), "{problem}");
            }
        }
        for function in 0..program.functions.len() {
            for corrupt in [
                |f: &mut pyrust_compiler::FunctionInfo| f.register_count = 0,
                |f: &mut pyrust_compiler::FunctionInfo| f.entry = u32::MAX,
                |f: &mut pyrust_compiler::FunctionInfo| f.param_count = 200,
            ] {
                let mut corrupted = program.clone();
                corrupt(&mut corrupted.functions[function]);
                assert!(verify(&corrupted).is_err());
            }
        }
        let mut short_lines = program.clone();
        short_lines.offsets.pop();
        assert!(verify(&short_lines).is_err());
        let mut no_functions = program.clone();
        no_functions.functions.clear();
        assert_eq!(verify(&no_functions), Err("no module function".to_string()));
    }

    #[test]
    fn a_module_alone_has_its_header_and_code_checked() {
        let program = compiled("x = [1, 2]\nfor i in x:\n    print(i)\nx");
        assert_eq!(program.functions.len(), 1);
        assert_eq!(verify(&program), Ok(()));
        let mut no_registers = program.clone();
        no_registers.functions[0].register_count = 0;
        assert!(verify(&no_registers).is_err());
        let mut late_entry = program.clone();
        late_entry.functions[0].entry = program.code.len() as u32;
        assert!(verify(&late_entry).is_err());
        let mut bad_name = program.clone();
        bad_name.functions[0].name = pyrust_compiler::NameId(u32::MAX);
        assert!(verify(&bad_name).is_err());
        let mut bad_constant = program.clone();
        let at = program.code.len() - 2;
        bad_constant.code[at] = Instr::LoadConst { dst: 0, index: 999 };
        assert!(verify(&bad_constant)
            .unwrap_err()
            .starts_with(&format!("instruction {at}: ")));
    }

    /// Every program of the differential corpus that compiles, each also with corrupted
    /// register, slot, constant and jump operands at every instruction.
    #[test]
    fn the_check_before_a_run_agrees_with_verify_over_the_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
        let mut dirs = vec![root];
        let mut programs = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("corpus directory") {
                let path = entry.expect("corpus entry").path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "py") {
                    continue;
                }
                let Ok(source) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(ast) = pyrust_parser::parse(&source) else {
                    continue;
                };
                let Ok(program) = pyrust_compiler::compile(&source, &ast) else {
                    continue;
                };
                programs += 1;
                assert!(is_valid(&program), "{}", path.display());
                assert_eq!(verify(&program), Ok(()), "{}", path.display());
                let replacements = [
                    Instr::LoadInt { dst: 255, value: 1 },
                    Instr::Move { dst: 0, src: 255 },
                    Instr::Jump { target: u32::MAX },
                    Instr::Jump {
                        target: program.code.len() as u32,
                    },
                    Instr::LoadConst {
                        dst: 0,
                        index: u16::MAX,
                    },
                    Instr::LoadGlobal {
                        dst: 0,
                        slot: u16::MAX,
                    },
                    Instr::LoadGlobal {
                        dst: 0,
                        slot: program.global_names.len() as u16,
                    },
                    Instr::LoadNone { dst: 0 },
                ];
                // Every instruction of small programs, a spread of those of large ones.
                let step = (program.code.len() / 64).max(1);
                for at in (0..program.code.len()).step_by(step) {
                    for replacement in replacements {
                        let mut changed = program.clone();
                        changed.code[at] = replacement;
                        assert_eq!(
                            is_valid(&changed),
                            verify(&changed).is_ok(),
                            "{}: {replacement:?} at {at}",
                            path.display()
                        );
                    }
                }
            }
        }
        assert!(programs > 500, "{programs}");
    }

    #[test]
    fn the_check_before_a_run_agrees_with_verify() {
        // A module alone with empty tables (is_valid's own loop, then its hand-over at an
        // instruction it leaves to the full check), one with tables, and several functions.
        for source in [
            "x = 10\ny = x * 3 - 1\nwhile y > x:\n    y = y - 2\nx + y",
            "x = [1, 2]\ny = 'abc'\nx",
            "def f(a):\n    return a + 1\nf(2)",
        ] {
            let program = compiled(source);
            assert!(is_valid(&program), "{source}");
            // The corruptions, and one valid instruction both must accept.
            let replacements = CORRUPTIONS.into_iter().chain([Instr::LoadNone { dst: 0 }]);
            for at in 0..program.code.len() {
                for replacement in replacements.clone() {
                    let mut changed = program.clone();
                    changed.code[at] = replacement;
                    assert_eq!(
                        is_valid(&changed),
                        verify(&changed).is_ok(),
                        "{source}: {replacement:?} at {at}"
                    );
                }
            }
            let mut no_registers = program.clone();
            no_registers.functions[0].register_count = 0;
            assert!(!is_valid(&no_registers));
            let mut short_lines = program.clone();
            short_lines.offsets.pop();
            assert!(!is_valid(&short_lines));
        }
    }

    #[test]
    fn out_of_range_register_is_rejected() {
        let mut program = compiled("x = 1\nx");
        program.code[0] = Instr::LoadInt { dst: 200, value: 1 };
        assert!(verify(&program)
            .unwrap_err()
            .contains("register out of range"));
    }

    #[test]
    fn a_verified_program_runs_without_a_second_check() {
        let program = compiled("x = 20\nx + 22");
        let verified = VerifiedProgram::new(&program).expect("verifies");
        let (mut buffers, limits) = (crate::VmBuffers::default(), crate::Limits::default());
        for _ in 0..2 {
            let mut vm = crate::Vm::with_verified(verified, &limits, &mut buffers);
            assert!(matches!(vm.run(), Ok(crate::Value::Int(42))));
        }
    }

    #[test]
    fn an_invalid_program_is_never_verified() {
        let mut program = compiled("x = 1\nx");
        program.code[0] = Instr::LoadInt { dst: 200, value: 1 };
        assert!(VerifiedProgram::new(&program).is_err());
    }

    #[test]
    fn jump_outside_function_is_rejected() {
        let mut program = compiled("while True:\n    pass");
        let last = program.code.len() - 1;
        program.code[last] = Instr::Jump { target: 999 };
        assert!(verify(&program).is_err());
    }

    #[test]
    fn missing_final_return_is_rejected() {
        let mut program = compiled("1");
        let last = program.code.len() - 1;
        program.code[last] = Instr::LoadNone { dst: 0 };
        assert!(verify(&program).is_err());
    }
}
