//! The register machine: the dispatch loop, frames and calls.
//!
//! All frames share one register stack (`HotBuffers::registers`). A frame is a window starting
//! at `base`; a call's window starts right after the callee register of the caller, where
//! the compiler already put the arguments, so a call copies nothing. Python calls push a
//! [`Frame`] on a `Vec` and never recurse in Rust, so deep Python recursion cannot overflow
//! the native stack; the depth is limited like CPython's.

use pyrust_compiler::{
    stack_position, BinaryOp, Builtin, CompareOp, Constant, FuncId, Instr, Program,
};
use smallvec::SmallVec;
use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::error::{Exception, ExceptionKind, RuntimeError};
use crate::heap::Heap;
use crate::ops::{int_floor_div, int_mod, range_len};
use crate::value::{StrRef, Value};
use crate::verify::VerifiedProgram;

/// Resource limits of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Maximum frames, the module's included (CPython's recursion limit, 1000 by default).
    pub max_call_depth: u32,
    /// Maximum backward jumps plus calls; bounds the run time of any program.
    pub max_steps: u64,
    /// Maximum bytes the run's heap may hold.
    pub max_heap_bytes: usize,
    /// Wall-clock time the run may take (`None`: no deadline).
    pub max_duration: Option<std::time::Duration>,
    /// Largest source text accepted, in bytes (checked by the facade before lexing).
    pub max_source_bytes: usize,
    /// Deepest expression nesting accepted by the parser (at most 600, CPython-like; brackets
    /// are limited to 200 and indentation to 100 levels regardless).
    pub max_nesting_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_call_depth: 1000,
            max_steps: 2_000_000_000,
            max_heap_bytes: 256 << 20,
            max_duration: None,
            max_source_bytes: 64 << 20,
            max_nesting_depth: 600,
        }
    }
}

/// Steps between two polls of the deadline and the cancel flag (a few microseconds).
const POLL_INTERVAL: u64 = 4096;

/// Output printed by a run. It is a `String` (not a reused or inline buffer) because the host
/// takes it as the run's result: no copy, and nothing is allocated until something is printed.
#[derive(Debug, Default)]
pub struct OutputBuffer(String);

impl OutputBuffer {
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl std::fmt::Write for OutputBuffer {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.push_str(s);
        Ok(())
    }
}

/// Storage a run needs, kept between runs so a new [`Vm`] allocates nothing once it has grown.
/// It holds the whole machine: a [`Vm`] is only a borrow of it, so making one writes the
/// run's starting state in place and moves nothing.
#[derive(Debug, Default)]
pub struct VmBuffers {
    machine: Machine,
}

impl VmBuffers {
    /// Bytes the buffers hold (registers, heap data), to decide whether keeping them is worth it.
    pub fn heap_bytes(&self) -> usize {
        let machine = &self.machine;
        machine.hot.registers.capacity() * std::mem::size_of::<Value>()
            + machine.hot.globals.capacity() * std::mem::size_of::<Option<Value>>()
            + machine.heap.bytes_used()
    }
}

/// A shared reference the [`Machine`] keeps between runs, where no lifetime can say how long
/// it is valid: it is set by [`Vm::new`] (and [`Vm::set_cancel_flag`]) from a reference that
/// outlives the [`Vm`], and read only by the machine's methods, which run only while that
/// [`Vm`] exists (the machine is private to [`VmBuffers`] and reached only through a [`Vm`]).
/// Between runs it may dangle and is never read.
pub(crate) struct Borrowed<T>(NonNull<T>);

impl<T> Borrowed<T> {
    fn new(target: &T) -> Borrowed<T> {
        Borrowed(NonNull::from(target))
    }
}

impl<T> Clone for Borrowed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Borrowed<T> {}

impl<T> std::ops::Deref for Borrowed<T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: see the type's comment: dereferenced only during a run, while the `Vm`
        // that set it (and so the reference it came from) is alive.
        unsafe { self.0.as_ref() }
    }
}

impl<T> Default for Borrowed<T> {
    /// A placeholder until the first [`Vm::new`] (never read before it).
    fn default() -> Self {
        Borrowed(NonNull::dangling())
    }
}

impl<T> std::fmt::Debug for Borrowed<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The address only: between runs the target may be gone.
        write!(f, "Borrowed({:p})", self.0)
    }
}

// SAFETY: a `Borrowed<T>` stands for a `&T` (read only, during a run), which may be sent to
// or shared with another thread when `T: Sync`.
unsafe impl<T: Sync> Send for Borrowed<T> {}
// SAFETY: as for `Send`.
unsafe impl<T: Sync> Sync for Borrowed<T> {}

/// The dispatch loop's hottest buffers.
#[derive(Debug, Default)]
struct HotBuffers {
    registers: Vec<Value>,
    frames: Vec<Frame>,
    /// One entry per global slot: `Vm::new` sizes it to the program's `global_names`, and
    /// nothing changes its length during a run (the dispatch loop relies on this).
    globals: Vec<Option<Value>>,
}

/// Buffers off the dispatch loop's fast paths. They keep their contents between runs: a new
/// [`Vm`] resets only what a run may have left in them.
#[derive(Debug, Default)]
pub(crate) struct SideBuffers {
    /// Scratch space for keyword-argument binding and native code's temporary roots.
    pub(crate) scratch: Vec<Option<Value>>,
    /// The values of string and big-int literals, by constant index (made when the run
    /// starts; a GC root). Empty when the program has neither.
    pub(crate) constants: Vec<Value>,
    /// Where `format_value` builds its text before the string is made.
    pub(crate) format_buffer: String,
    /// Where `alloc_str_with` builds a short string's text before it is made inline.
    pub(crate) text_buffer: String,
    /// Unbound-register bitmaps of callers whose callee uses its own (see `push_frame`).
    saved_unbound: Vec<[u64; 4]>,
    /// Where the innermost failing dispatch loop stopped, when that was a nested one.
    error_traceback: Option<Vec<u32>>,
    /// The exception a failing dispatch loop raised, from its `fail!` until
    /// `Machine::dispatch` or [`Vm::take_error`] takes it.
    raised: Option<Exception>,
    /// The error of a run refused before its first instruction, until [`Vm::take_error`]
    /// takes it (a failure of a later dispatch loop drops it, if it was never taken).
    refused: Option<RuntimeError>,
}

/// Where a call's arguments are (`argc` registers after `func`) and where its result goes
/// (`dst`), relative to the caller's window.
#[derive(Clone, Copy)]
struct CallSite {
    func: u8,
    dst: u8,
    argc: usize,
}

/// A suspended caller.
#[derive(Clone, Copy, Debug)]
struct Frame {
    return_ip: u32,
    base: u32,
    /// Caller register (relative to `base`) that receives the result.
    result_reg: u8,
    /// [`Frame::SAVED_UNBOUND`] and [`Frame::NATIVE_RETURN`]: one byte, so a return tests
    /// both with one branch.
    flags: u8,
}

impl Frame {
    /// The caller's bitmap was pushed on `saved_unbound` (the callee uses its own).
    const SAVED_UNBOUND: u8 = 1;
    /// Native code called this function (`sorted(key=f)`): its return ends the nested
    /// dispatch loop instead of resuming a caller.
    const NATIVE_RETURN: u8 = 2;
}

/// One run of a compiled program: the machine kept in a [`VmBuffers`], set up for the run.
pub struct Vm<'p> {
    machine: &'p mut Machine,
    /// What the machine's [`Borrowed`] references point to lives this long.
    borrows: PhantomData<(&'p Program, &'p Limits, &'p std::sync::atomic::AtomicBool)>,
}

/// The machine that runs a program: all of its state, kept in [`VmBuffers`] between runs so
/// that a run builds nothing (the dispatch loop reaches every field through one `&mut`).
#[derive(Debug, Default)]
pub(crate) struct Machine {
    pub(crate) program: Borrowed<Program>,
    pub(crate) heap: Heap,
    /// The register stack, frames and globals.
    hot: HotBuffers,
    /// The current frame's unassigned locals (a set bit). Kept as the compiler gives it
    /// (`unbound_on_entry`), not inverted, so a frame's bitmap is a plain copy.
    unbound: [u64; 4],
    output: OutputBuffer,
    /// Borrowed: reads through this are rare, so copying them into every VM would cost more.
    limits: Borrowed<Limits>,
    /// Steps left in the current chunk; the dispatch loop only decrements this.
    steps_left: u64,
    /// Steps of the budget not yet handed out in chunks.
    budget_left: u64,
    deadline: Option<std::time::Instant>,
    /// Set by the host to stop the run (borrowed: no reference counting per run).
    cancel: Option<Borrowed<std::sync::atomic::AtomicBool>>,
    /// Buffers off the fast paths (scratch roots, constants' values, text buffers).
    pub(crate) side: SideBuffers,
    /// The instruction of the native call in progress (for tracebacks through it).
    native_call_ip: u32,
    /// Frames below which a call may take the inline fast path: the recursion limit's, or
    /// the frame stack's capacity reserved up front, whichever is lower.
    fast_frame_limit: usize,
    /// The `max_call_depth` that `fast_frame_limit` and the frame stack's room were set for
    /// (0 before the first run: a limit of 0 frames needs no room and takes no fast path).
    frames_reserved_for: u32,
    /// Where `enter_or_call` entered a Python function.
    entry_ip: usize,
    /// What the dispatch loop that last succeeded returned (read by `Machine::dispatch` and
    /// [`Vm::final_value`] right after the loop).
    returned: Value,
    /// Where the last dispatch loop that failed stopped: one past the instruction that
    /// raised its error.
    failed_ip: usize,
    /// Set by `Yield`: the dispatch loop that returned was suspended, at `yield_ip`.
    yielded: bool,
    yield_ip: u32,
    /// Dispatch loops running inside native calls.
    native_depth: u32,
    /// Whether the program was verified before this VM was made (see [`Vm::with_verified`]).
    verified: bool,
    /// Address of a local of `run`: how deep the native stack is when native code calls
    /// Python code is measured from here. Zeroed by `Vm::new` and set by a run, so a second
    /// run on the same VM knows to reset what the first changed.
    stack_origin: usize,
}

/// The error of a run whose program the verifier rejected (the problem is found again,
/// now with its description: the check before the run only says whether there is one).
#[cold]
fn invalid_bytecode(program: &Program) -> Exception {
    let problem = crate::verify::verify(program).err();
    // `is_valid` and `verify` must agree (the unchecked accesses rely on it); a tested
    // property, asserted here so a disagreement fails loudly in debug builds.
    debug_assert!(
        problem.is_some(),
        "is_valid rejected a program verify accepts"
    );
    let problem = problem.unwrap_or_default();
    Exception::new(
        ExceptionKind::SystemError,
        format!("invalid bytecode: {problem}"),
    )
}

/// Native stack that dispatch loops nested through native calls may use in all. Hosts give
/// PyRust at least 256 KiB (docs/containment.md); this leaves room for the outer loop, the
/// collector and the work that the innermost call does.
const NATIVE_STACK_BUDGET: usize = 96 * 1024;

/// Room the output gets when a run first prints short text (the text of a few values and
/// their separators; longer text is reserved as it comes).
const FIRST_OUTPUT_BYTES: usize = 64;

/// Frames reserved when a VM is made (kept across runs with [`VmBuffers`]).
const FRAMES_RESERVED: usize = 1024;

/// What [`Vm::enter_or_call`] returns for a native call (whose result is then in the
/// callee's register); for a Python function it returns the new frame's base.
const NATIVE_CALL: usize = usize::MAX;

/// Most dispatch loops nested through native calls (`sorted(key=...)` inside a key function
/// ...): each costs native stack, so the nesting is bounded well below the thread's stack.
const MAX_NATIVE_DEPTH: u32 = 32;

impl<'p> Vm<'p> {
    /// A VM for one run of `program`, working in `buffers` (borrowed, so that storage grown by
    /// one run is reused by the next without moving anything).
    #[inline]
    pub fn new(program: &'p Program, limits: &'p Limits, buffers: &'p mut VmBuffers) -> Vm<'p> {
        let machine = &mut buffers.machine;
        machine.start(program, limits);
        Vm {
            machine,
            borrows: PhantomData,
        }
    }

    /// [`Vm::new`] for a program already verified: [`Vm::run`] does not check it again.
    pub fn with_verified(
        program: VerifiedProgram<'p>,
        limits: &'p Limits,
        buffers: &'p mut VmBuffers,
    ) -> Vm<'p> {
        let vm = Vm::new(program.program(), limits, buffers);
        vm.machine.verified = true;
        vm
    }

    /// Presets global slot `slot` (host input) before [`Vm::run`]. A function value that is
    /// not one of this program's functions is refused (the slot is left as it is): the
    /// dispatch loop relies on every function value naming one.
    pub fn set_global(&mut self, slot: usize, value: Value) {
        if let Value::Function(id) = value {
            if id.0 as usize >= self.machine.program.functions.len() {
                return;
            }
        }
        if let Some(entry) = self.machine.hot.globals.get_mut(slot) {
            *entry = Some(value);
        }
    }

    /// The value of global slot `slot` (after a run: what the program left there).
    pub fn global(&self, slot: usize) -> Option<Value> {
        self.machine.hot.globals.get(slot).copied().flatten()
    }

    /// A string value made from host text, counted against the heap limit.
    pub fn new_str(&mut self, text: &str) -> Result<Value, Exception> {
        self.machine.new_str(text)
    }

    /// The text of a string value.
    pub fn str_text<'a>(&'a self, value: &'a Value) -> Option<&'a str> {
        self.machine.str_text(value)
    }

    /// What the program has printed so far.
    pub fn output(&self) -> &[u8] {
        self.machine.output.as_bytes()
    }

    /// Takes the printed output, leaving the buffer empty.
    pub fn take_output(&mut self) -> OutputBuffer {
        std::mem::take(&mut self.machine.output)
    }

    /// Takes the printed output as a `String`; when nothing was printed, a new one with room
    /// for `bytes` (the empty buffer is left where it is: nothing to move or free).
    #[inline]
    pub fn take_output_or_room(&mut self, bytes: usize) -> String {
        if self.machine.output.0.capacity() == 0 {
            return String::with_capacity(bytes);
        }
        self.take_output().into_string()
    }

    /// Appends `repr` of a value produced by this run (for the program's final expression).
    /// Fails only for a string whose `repr` PyRust cannot produce exactly (see
    /// [`write_str_repr`](crate::write_str_repr)); the error's ip is the module's last
    /// instruction.
    pub fn write_value_repr(&self, value: Value, out: &mut String) -> Result<(), RuntimeError> {
        let machine = &*self.machine;
        machine
            .write_repr(value, out)
            .map_err(|exception| RuntimeError {
                kind: exception.kind,
                message: exception.message,
                traceback: Vec::new(),
                ip: machine
                    .program
                    .functions
                    .get(1)
                    .map_or(machine.program.code.len(), |f| f.entry as usize)
                    .saturating_sub(1) as u32,
            })
    }

    /// Lets the host stop this run from another thread by setting `flag`.
    pub fn set_cancel_flag(&mut self, flag: &'p std::sync::atomic::AtomicBool) {
        self.machine.cancel = Some(Borrowed::new(flag));
    }

    /// Runs the module body to its end. Returns the value of the final expression statement
    /// (`None` when there is none). The program is verified first (see [`crate::verify`];
    /// unless it came as a [`VerifiedProgram`]): the dispatch loop relies on what the
    /// verifier proves.
    #[inline]
    pub fn run(&mut self) -> Result<Value, RuntimeError> {
        if self.run_succeeds() {
            Ok(self.final_value())
        } else {
            Err(self.take_error())
        }
    }

    /// [`Vm::run`] for a caller that handles success and failure apart: whether the run
    /// succeeded; then [`Vm::final_value`] is its value, or [`Vm::take_error`] its error. No
    /// `Result` holding either is built and tested again, which a caller that returns
    /// quickly pays for on every run.
    #[inline]
    pub fn run_succeeds(&mut self) -> bool {
        match self.machine.prepare_run() {
            Some(ip) => self.machine.dispatch_loop(ip, 0),
            None => false,
        }
    }

    /// The value of the final expression statement of a run that succeeded ([`Vm::run`]'s
    /// `Ok`; meaningless after one that failed).
    #[inline]
    pub fn final_value(&self) -> Value {
        self.machine.returned
    }

    /// The error of a run that failed ([`Vm::run`]'s `Err`).
    #[cold]
    #[inline(never)]
    pub fn take_error(&mut self) -> RuntimeError {
        let machine = &mut *self.machine;
        match machine.side.refused.take() {
            Some(error) => error,
            None => {
                let exception = machine.take_raised();
                machine.traced_error(exception, machine.failed_ip)
            }
        }
    }

    /// The machine, for the crate's tests of code that takes one.
    #[cfg(test)]
    pub(crate) fn machine(&self) -> &Machine {
        self.machine
    }
}

impl Machine {
    /// Writes the starting state of a run of `program` (what a new [`Vm`] promises), in
    /// place: every field a run reads, and the buffers a previous run may have left full.
    #[inline]
    fn start(&mut self, program: &Program, limits: &Limits) {
        // Taken first: after the last call here, nothing has to be kept across one. (Written
        // in both arms: no `Option` to build and test again.)
        match limits.max_duration {
            Some(duration) => self.deadline = Some(std::time::Instant::now() + duration),
            None => self.deadline = None,
        }
        let hot = &mut self.hot;
        let globals = program.global_names.len();
        // Most snippets have no globals, and neither had the run before: nothing to reset.
        if globals != 0 || !hot.globals.is_empty() {
            hot.globals.clear();
            hot.globals.resize(globals, None);
            for &(slot, builtin) in &program.builtin_slots {
                if let Some(global) = hot.globals.get_mut(slot as usize) {
                    *global = Some(Value::Builtin(builtin));
                }
            }
        }
        // Every register is a GC root: none may keep a value of the previous run. (`run`
        // sizes them for the module, once the program is verified to have one.)
        hot.registers.clear();
        hot.frames.clear();
        // The frame stack never shrinks: its room is reserved again only for another limit.
        if limits.max_call_depth != self.frames_reserved_for {
            self.reserve_frames(limits.max_call_depth);
        }
        // A run that failed part-way may have left these behind.
        self.side.scratch.clear();
        self.side.saved_unbound.clear();
        if self.side.error_traceback.is_some() {
            self.side.error_traceback = None;
        }
        self.heap.reset(limits.max_heap_bytes);
        self.program = Borrowed::new(program);
        self.limits = Borrowed::new(limits);
        // Empty unless a previous run's output was not taken.
        if self.output.0.capacity() != 0 {
            self.output = OutputBuffer::default();
        }
        self.steps_left = 0;
        self.budget_left = limits.max_steps;
        self.cancel = None;
        self.native_call_ip = 0;
        self.native_depth = 0;
        self.yielded = false;
        // (`entry_ip`, `yield_ip` and `failed_ip` are always written before they are read.)
        self.stack_origin = 0;
        self.verified = false;
    }

    /// Reserves room for the common call depths under a limit of `depth` frames, so the
    /// fast call path never reallocates, and sets the depth below which it may be taken.
    #[cold]
    #[inline(never)]
    fn reserve_frames(&mut self, depth: u32) {
        let depth = depth as usize;
        let frames = &mut self.hot.frames;
        frames.reserve(FRAMES_RESERVED.min(depth));
        // At most the capacity, which never shrinks (the fast path writes frames unchecked).
        self.fast_frame_limit = frames.capacity().min(depth.saturating_sub(1));
        self.frames_reserved_for = depth as u32;
    }

    /// [`Vm::new_str`].
    pub(crate) fn new_str(&mut self, text: &str) -> Result<Value, Exception> {
        if let Some(inline) = StrRef::inline(text) {
            return Ok(Value::Str(inline));
        }
        let reference = self.alloc_str_with(text.len(), |_, out| out.push_str(text))?;
        Ok(Value::Str(reference))
    }

    /// [`Vm::str_text`].
    pub(crate) fn str_text<'a>(&'a self, value: &'a Value) -> Option<&'a str> {
        match value {
            Value::Str(s) => Some(self.str_ref(s)),
            _ => None,
        }
    }

    /// Text of a string value.
    #[inline]
    pub(crate) fn str_ref<'a>(&'a self, s: &'a StrRef) -> &'a str {
        if let Some(text) = s.inline_text() {
            text
        } else if let Some(index) = s.heap_index() {
            self.heap.str(index)
        } else {
            self.constant_str(s)
        }
    }

    fn constant_str(&self, s: &StrRef) -> &str {
        let index = match s
            .constant_index()
            .and_then(|at| self.program.constants.get(at as usize))
        {
            Some(pyrust_compiler::Constant::Str(index)) => *index,
            _ => return "",
        };
        self.program.string(index)
    }

    /// The string `text[start..end]` of string `s` (byte offsets on character boundaries).
    pub(crate) fn substring(
        &mut self,
        s: &StrRef,
        start: usize,
        end: usize,
    ) -> Result<StrRef, Exception> {
        if let Some(inline) = StrRef::inline(&self.str_ref(s)[start..end]) {
            return Ok(inline);
        }
        let s = *s;
        self.alloc_str_with(end - start, |vm, out| {
            out.push_str(&vm.str_ref(&s)[start..end])
        })
    }

    /// The first half of [`Vm::run`]: checks the program and sets up the module's frame.
    /// Returns where the module starts, or `None` with the error kept (see
    /// [`Machine::refuse`]).
    #[inline]
    fn prepare_run(&mut self) -> Option<usize> {
        // `run` is public and may be called again on the same VM; only a run sets
        // `stack_origin`. (Tested before the verifier is called: right after `Vm::new`, which
        // zeroed it, the test then folds away.)
        if self.stack_origin != 0 {
            self.reset_for_another_run();
        }
        if !self.verified && !crate::verify::is_valid(&self.program) {
            self.refuse(invalid_bytecode(&self.program));
            return None;
        }
        let program = self.program;
        self.side.constants.clear();
        // The emptiness test does not change the outcome: it only spares a program of small
        // int literals, which has no constants, the scan's set-up.
        if !program.constants.is_empty()
            && program
                .constants
                .iter()
                .any(|c| matches!(c, Constant::BigInt(_) | Constant::Str(_)))
        {
            if let Err(exception) = self.make_constants() {
                self.refuse(exception);
                return None;
            }
        }
        let module = &program.functions[0];
        self.unbound = module.unbound_on_entry;
        // Cleared again (empty since `Vm::new` unless this VM ran before): known empty, the
        // resize is a plain fill.
        self.hot.registers.clear();
        self.hot
            .registers
            .resize((module.register_count as usize).max(1), Value::None);
        self.stack_origin = stack_position();
        Some(module.entry as usize)
    }

    /// Keeps the error of a run that [`Machine::prepare_run`] refused (no instruction ran)
    /// for [`Vm::take_error`].
    #[cold]
    #[inline(never)]
    fn refuse(&mut self, exception: Exception) {
        self.returned = Value::None;
        self.side.refused = Some(RuntimeError {
            kind: exception.kind,
            message: exception.message,
            ip: 0,
            traceback: Vec::new(),
        });
    }

    /// Puts back the module's entry state `Vm::new` set up, which a previous run on this VM
    /// (perhaps one that failed part-way) changed: the frames and side stacks a failure
    /// leaves behind.
    #[cold]
    #[inline(never)]
    fn reset_for_another_run(&mut self) {
        self.hot.frames.clear();
        // Each run gets the whole step and time budget (the heap, which the globals the host
        // set may point into, carries over).
        let limits = self.limits;
        self.steps_left = 0;
        self.budget_left = limits.max_steps;
        self.deadline = limits
            .max_duration
            .map(|duration| std::time::Instant::now() + duration);
        self.side.scratch.clear();
        self.side.saved_unbound.clear();
        self.side.error_traceback = None;
        self.native_depth = 0;
        self.yielded = false;
    }

    /// The run's error: `exception` with the traceback of where it was raised (`ip` is one
    /// past the instruction that raised it in the outermost loop).
    #[cold]
    #[inline(never)]
    fn traced_error(&mut self, exception: Exception, ip: usize) -> RuntimeError {
        // A failure inside a nested loop recorded the traceback before its frames were popped.
        let traceback = match self.side.error_traceback.take() {
            Some(traceback) => traceback,
            None => self.active_calls(ip),
        };
        let ip = traceback.last().copied().unwrap_or(0);
        RuntimeError {
            kind: exception.kind,
            message: exception.message,
            ip,
            traceback,
        }
    }

    /// The dispatch loop, from `ip` in the frame at `base`. On error `failed_ip` is left one
    /// past the instruction that raised it.
    #[inline(always)]
    fn dispatch(&mut self, ip: usize, base: usize) -> Result<Value, Exception> {
        if self.dispatch_loop(ip, base) {
            Ok(self.returned)
        } else {
            Err(self.take_raised())
        }
    }

    /// The exception the dispatch loop that just failed parked in `raised`.
    #[cold]
    #[inline(never)]
    fn take_raised(&mut self) -> Exception {
        // Always there: the loop fails only after parking one (see its `fail!`).
        self.side.raised.take().unwrap_or_else(|| {
            Exception::new(
                ExceptionKind::SystemError,
                "internal error in PyRust: a failed run raised no exception".to_string(),
            )
        })
    }

    /// Parks `exception` for [`Machine::dispatch`] (out of line: the loop's failure paths
    /// stay small).
    #[cold]
    #[inline(never)]
    fn park(&mut self, exception: Exception) {
        self.side.raised = Some(exception);
        // No value of an earlier run may be read as this one's (`Vm::final_value`).
        self.returned = Value::None;
        // A refusal nobody took belongs to an earlier run: `Vm::take_error` must not
        // report it for this one.
        self.side.refused = None;
    }

    /// [`Machine::dispatch`]'s loop. It says only whether it succeeded, in a register, and
    /// leaves its value in `returned` (or its exception in `raised`): a `Result` carrying
    /// either is written through memory, and read back, on every run.
    ///
    /// Registers are addressed through a raw pointer to the current frame's window. This is
    /// sound because the verifier proved that every register operand of a function is below
    /// its `register_count` and every jump stays inside the code, and because `push_frame`
    /// keeps the register stack at least `base + register_count` long for the current frame.
    /// The window pointer is recomputed whenever the stack may have moved (calls, returns).
    fn dispatch_loop(&mut self, mut ip: usize, mut base: usize) -> bool {
        let program = self.program;
        let code: &[Instr] = &program.code;
        // SAFETY: `base` is within the register stack (push_frame grew it).
        let mut regs: *mut Value = unsafe { self.hot.registers.as_mut_ptr().add(base) };
        // SAFETY (all register macros): see the function comment; `$r` is a verified operand.
        macro_rules! reg {
            ($r:expr) => {
                unsafe { *regs.add($r as usize) }
            };
        }
        macro_rules! reg_ref {
            ($r:expr) => {
                unsafe { &*regs.add($r as usize) }
            };
        }
        macro_rules! set {
            ($r:expr, $v:expr) => {{
                let value = $v;
                unsafe { *regs.add($r as usize) = value }
            }};
        }
        macro_rules! fail {
            ($e:expr) => {{
                self.failed_ip = ip;
                self.park($e);
                return false;
            }};
        }
        // The loop's success: its value is left in `returned`.
        macro_rules! finish {
            ($value:expr) => {{
                self.returned = $value;
                return true;
            }};
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(value) => value,
                    Err(error) => fail!(error),
                }
            };
        }
        // Global slot `$slot` of the instruction being run.
        macro_rules! global {
            ($slot:expr) => {{
                let slot = $slot as usize;
                debug_assert!(slot < self.hot.globals.len());
                // SAFETY: the verifier proved every global slot operand below the number of
                // `global_names`, which is the length `Vm::new` gave `globals` (kept for the
                // whole run, see `HotBuffers::globals`).
                unsafe { self.hot.globals.get_unchecked_mut(slot) }
            }};
        }
        macro_rules! window {
            () => {
                // SAFETY: `base` is within the register stack (push_frame grew it).
                regs = unsafe { self.hot.registers.as_mut_ptr().add(base) }
            };
        }
        // A comparison off the int fast path. `in` may resume a generator, which can move
        // the register stack: the window is recomputed after it.
        macro_rules! slow_compare {
            ($op:expr, $x:expr, $y:expr) => {{
                let holds = tri!(self.compare($op, $x, $y));
                window!();
                holds
            }};
        }
        // Int/int fast path inline; everything else (and overflow) out of line.
        macro_rules! arith {
            ($dst:expr, $a:expr, $b:expr, $op:expr, $fast:expr) => {{
                if let (Value::Int(i), Value::Int(j)) = (reg_ref!($a), reg_ref!($b)) {
                    if let Some(v) = $fast(*i, *j) {
                        set!($dst, Value::Int(v));
                        continue;
                    }
                }
                let (x, y) = (reg!($a), reg!($b));
                let result = tri!(self.binary($op, x, y, (ip - 1) as u32));
                set!($dst, result);
            }};
        }
        // `arith!` with an int literal for the right operand.
        macro_rules! arith_imm {
            ($dst:expr, $a:expr, $imm:expr, $op:expr, $fast:expr) => {{
                let imm = $imm as i64;
                if let Value::Int(i) = reg_ref!($a) {
                    if let Some(v) = $fast(*i, imm) {
                        set!($dst, Value::Int(v));
                        continue;
                    }
                }
                let result = tri!(self.binary($op, reg!($a), Value::Int(imm), (ip - 1) as u32));
                set!($dst, result);
            }};
        }
        macro_rules! compare_jump {
            ($op:expr, $x:expr, $y:expr, $target:expr) => {{
                let (x, y) = ($x, $y);
                let holds = match (x, y) {
                    (Value::Int(i), Value::Int(j)) => match $op {
                        CompareOp::Lt => i < j,
                        CompareOp::LtE => i <= j,
                        CompareOp::Gt => i > j,
                        CompareOp::GtE => i >= j,
                        CompareOp::Eq => i == j,
                        CompareOp::NotEq => i != j,
                        _ => slow_compare!($op, x, y),
                    },
                    _ => slow_compare!($op, x, y),
                };
                if !holds {
                    ip = $target as usize;
                }
            }};
        }
        // Compare-and-branch on one operator: ints inline, anything else out of line.
        macro_rules! jump_unless {
            ($a:expr, $y:expr, $cmp:tt, $op:expr, $target:expr) => {{
                let holds = match (reg_ref!($a), $y) {
                    (Value::Int(i), Value::Int(j)) => *i $cmp *j,
                    (x, y) => slow_compare!($op, *x, *y),
                };
                if !holds {
                    ip = $target as usize;
                }
            }};
        }
        // The next item of the iteration state at `$state` into `$var`; false when done.
        macro_rules! for_next {
            ($state:expr, $var:expr) => {{
                // ForPrep wrote ints here for a range; anything else is a sequence's state.
                if let (Value::Int(current), Value::Int(stop), Value::Int(step)) =
                    (reg!($state), reg!($state + 1), reg!($state + 2))
                {
                    let more = if step > 0 {
                        current < stop
                    } else {
                        current > stop
                    };
                    if more {
                        set!($var, Value::Int(current));
                        // Saturating: the next comparison ends the loop if the add overflowed.
                        set!($state, Value::Int(current.saturating_add(step)));
                    }
                    more
                } else {
                    let more = tri!(self.for_next_sequence(base, $state, $var, ip));
                    // A generator resumed here may have moved the register stack.
                    window!();
                    more
                }
            }};
        }
        // A call of `$callee` with the arguments after `$func`, its result bound for `$dst`.
        macro_rules! call {
            // `$callee` reads the callee; it is read again off the fast path rather than kept
            // live across it (which made the compiler spill it on every call).
            ($callee:expr, $func:expr, $argc:expr, $dst:expr) => {{
                let (func, argc, dst): (u8, u8, u8) = ($func, $argc, $dst);
                if let Value::Function(id) = $callee {
                    // The common case inline: arity matches, depth, steps and registers
                    // suffice, the callee needs no bitmap of unbound registers. Anything else goes
                    // through the general (out of line) frame push.
                    debug_assert!((id.0 as usize) < program.functions.len());
                    // SAFETY: every `Value::Function` of a run names one of its program's
                    // functions. The program makes them only from function constants
                    // (`LoadConst`, `make_function`), which the verifier proved in range; a
                    // host passes values in only by `Vm::set_global`, which refuses any
                    // other; `Vm::new` clears registers, globals, constants and heap, so a
                    // VM sees only its own program's values (another `run` on it included).
                    let info = unsafe { program.functions.get_unchecked(id.0 as usize) };
                    let new_base = base + func as usize + 1;
                    let frames = self.hot.frames.len();
                    let fast = argc as u16 == info.fast_argc
                        && self.steps_left > 0
                        && frames < self.fast_frame_limit
                        && self.hot.registers.len() >= new_base + info.register_count as usize;
                    if fast {
                        self.steps_left -= 1;
                        // SAFETY: `fast_frame_limit` is at most the frame stack's capacity.
                        unsafe {
                            self.hot.frames.as_mut_ptr().add(frames).write(Frame {
                                return_ip: ip as u32,
                                base: base as u32,
                                result_reg: dst,
                                flags: 0,
                            });
                            self.hot.frames.set_len(frames + 1);
                        }
                        base = new_base;
                    } else {
                        tri!(self.tick());
                        let simple = info.kwonly_count == 0 && !info.varargs && !info.varkw;
                        if !simple || argc != info.param_count {
                            let args = base + func as usize + 1;
                            tri!(self.bind_arguments(id, None, args, argc as usize, &[]));
                        }
                        base = tri!(self.push_frame(id, base, func, dst, ip));
                    }
                    window!();
                    ip = info.entry as usize;
                } else {
                    let callee: Value = $callee;
                    self.native_call_ip = (ip - 1) as u32;
                    let call = CallSite {
                        func,
                        dst,
                        argc: argc as usize,
                    };
                    let entered = tri!(self.enter_or_call(callee, base, call, &[], ip));
                    if entered != NATIVE_CALL {
                        base = entered;
                        ip = self.entry_ip;
                    }
                    window!();
                }
            }};
        }
        loop {
            // SAFETY: the verifier proved every jump target is in the code and every
            // function ends with a return or a jump, so `ip` is always in bounds.
            let instr = unsafe { code.get_unchecked(ip) };
            ip += 1;
            match *instr {
                Instr::LoadConst { dst, index } => {
                    set!(
                        dst,
                        match program.constants[index as usize] {
                            Constant::Int(i) => Value::Int(i),
                            Constant::Float(f) => Value::Float(f),
                            Constant::Function(id) => Value::Function(id),
                            Constant::Str(_) | Constant::BigInt(_) => {
                                self.side.constants[index as usize]
                            }
                        }
                    );
                }
                Instr::LoadInt { dst, value } => set!(dst, Value::Int(value as i64)),
                Instr::LoadNone { dst } => set!(dst, Value::None),
                Instr::LoadBool { dst, value } => set!(dst, Value::Bool(value)),
                Instr::Move { dst, src } => set!(dst, reg!(src)),
                Instr::LoadGlobal { dst, slot } => match *global!(slot) {
                    Some(value) => set!(dst, value),
                    None => fail!(self.name_error(slot)),
                },
                Instr::StoreGlobal { src, slot } => *global!(slot) = Some(reg!(src)),
                Instr::CheckBound { reg, name } => {
                    if self.unbound[(reg >> 6) as usize] & (1 << (reg & 63)) != 0 {
                        fail!(self.unbound_error(name));
                    }
                }
                Instr::MarkBound { reg } => {
                    self.unbound[(reg >> 6) as usize] &= !(1 << (reg & 63));
                }
                Instr::Unbind { reg } => {
                    self.unbound[(reg >> 6) as usize] |= 1 << (reg & 63);
                }
                Instr::DeleteGlobal { slot } => {
                    if global!(slot).take().is_none() {
                        fail!(self.name_error(slot));
                    }
                }
                Instr::Add { dst, a, b } => arith!(dst, a, b, BinaryOp::Add, i64::checked_add),
                Instr::Sub { dst, a, b } => arith!(dst, a, b, BinaryOp::Sub, i64::checked_sub),
                Instr::Mul { dst, a, b } => arith!(dst, a, b, BinaryOp::Mul, i64::checked_mul),
                Instr::FloorDiv { dst, a, b } => {
                    arith!(dst, a, b, BinaryOp::FloorDiv, |i, j| int_floor_div(i, j)
                        .ok())
                }
                Instr::Mod { dst, a, b } => {
                    arith!(dst, a, b, BinaryOp::Mod, |i, j| int_mod(i, j).ok())
                }
                Instr::AddImm { dst, a, imm } => {
                    arith_imm!(dst, a, imm, BinaryOp::Add, i64::checked_add)
                }
                Instr::SubImm { dst, a, imm } => {
                    arith_imm!(dst, a, imm, BinaryOp::Sub, i64::checked_sub)
                }
                Instr::MulImm { dst, a, imm } => {
                    arith_imm!(dst, a, imm, BinaryOp::Mul, i64::checked_mul)
                }
                Instr::ModImm { dst, a, imm } => {
                    arith_imm!(dst, a, imm, BinaryOp::Mod, |i, j| int_mod(i, j).ok())
                }
                Instr::TrueDiv { dst, a, b } => {
                    // The common case inline; zero and large operands go the general way.
                    if let (Value::Int(i), Value::Int(j)) = (reg_ref!(a), reg_ref!(b)) {
                        if let Some(quotient) = crate::ops::exact_int_true_div(*i, *j) {
                            set!(dst, Value::Float(quotient));
                            continue;
                        }
                    }
                    let result =
                        tri!(self.binary(BinaryOp::TrueDiv, reg!(a), reg!(b), (ip - 1) as u32));
                    set!(dst, result);
                }
                Instr::Pow { dst, a, b } => {
                    let result =
                        tri!(self.binary(BinaryOp::Pow, reg!(a), reg!(b), (ip - 1) as u32));
                    set!(dst, result);
                }
                Instr::BuildList { .. }
                | Instr::BuildTuple { .. }
                | Instr::ListExtendRegs { .. }
                | Instr::ListToTuple { .. }
                | Instr::BuildDict { .. }
                | Instr::BuildSet { .. }
                | Instr::SetAddRegs { .. }
                | Instr::FoldSetConstant { .. }
                | Instr::Unpack { .. }
                | Instr::UnpackStar { .. }
                | Instr::ListExtend { .. }
                | Instr::SetItem { .. }
                | Instr::CallMethod { .. }
                | Instr::CallMethodKw { .. }
                | Instr::FormatValue { .. }
                | Instr::BuildString { .. }
                | Instr::GetSlice { .. }
                | Instr::SetSlice { .. }
                | Instr::DelItem { .. }
                | Instr::DelSlice { .. }
                | Instr::GetItem { .. } => {
                    // Containers are off the numeric fast path: one out-of-line handler keeps
                    // the loop's code (and its register pressure) as it was without them.
                    tri!(self.container_instr(*instr, base, ip));
                    // A method may have called Python code, which can grow the registers.
                    window!();
                }
                Instr::BinaryOther { op, dst, a, b } => {
                    let result = tri!(self.binary(op, reg!(a), reg!(b), (ip - 1) as u32));
                    set!(dst, result);
                }
                Instr::Neg { dst, src } => {
                    let value = match reg!(src) {
                        Value::Int(i) if i != i64::MIN => Value::Int(-i),
                        other => tri!(self.unary('-', other)),
                    };
                    set!(dst, value);
                }
                Instr::Pos { dst, src } => {
                    let value = tri!(self.unary('+', reg!(src)));
                    set!(dst, value);
                }
                Instr::Invert { dst, src } => {
                    let value = tri!(self.unary('~', reg!(src)));
                    set!(dst, value);
                }
                Instr::Not { dst, src } => {
                    let value = reg!(src);
                    set!(dst, Value::Bool(!self.truthy(value)));
                }
                Instr::Compare { op, dst, a, b } => {
                    let (x, y) = (reg!(a), reg!(b));
                    let result = match (op, x, y) {
                        (CompareOp::Lt, Value::Int(i), Value::Int(j)) => i < j,
                        (CompareOp::LtE, Value::Int(i), Value::Int(j)) => i <= j,
                        (CompareOp::Gt, Value::Int(i), Value::Int(j)) => i > j,
                        (CompareOp::GtE, Value::Int(i), Value::Int(j)) => i >= j,
                        (CompareOp::Eq, Value::Int(i), Value::Int(j)) => i == j,
                        (CompareOp::NotEq, Value::Int(i), Value::Int(j)) => i != j,
                        _ => slow_compare!(op, x, y),
                    };
                    set!(dst, Value::Bool(result));
                }
                Instr::CompareJump { op, a, b, target } => {
                    compare_jump!(op, reg!(a), reg!(b), target)
                }
                Instr::JumpUnlessLt { a, b, target } => {
                    jump_unless!(a, reg_ref!(b), <, CompareOp::Lt, target)
                }
                Instr::JumpUnlessLe { a, b, target } => {
                    jump_unless!(a, reg_ref!(b), <=, CompareOp::LtE, target)
                }
                Instr::JumpUnlessGt { a, b, target } => {
                    jump_unless!(a, reg_ref!(b), >, CompareOp::Gt, target)
                }
                Instr::JumpUnlessGe { a, b, target } => {
                    jump_unless!(a, reg_ref!(b), >=, CompareOp::GtE, target)
                }
                Instr::JumpUnlessEq { a, b, target } => {
                    jump_unless!(a, reg_ref!(b), ==, CompareOp::Eq, target)
                }
                Instr::JumpUnlessNe { a, b, target } => {
                    jump_unless!(a, reg_ref!(b), !=, CompareOp::NotEq, target)
                }
                Instr::JumpUnlessLtImm { a, imm, target } => {
                    jump_unless!(a, &Value::Int(imm as i64), <, CompareOp::Lt, target)
                }
                Instr::JumpUnlessLeImm { a, imm, target } => {
                    jump_unless!(a, &Value::Int(imm as i64), <=, CompareOp::LtE, target)
                }
                Instr::JumpUnlessGtImm { a, imm, target } => {
                    jump_unless!(a, &Value::Int(imm as i64), >, CompareOp::Gt, target)
                }
                Instr::JumpUnlessGeImm { a, imm, target } => {
                    jump_unless!(a, &Value::Int(imm as i64), >=, CompareOp::GtE, target)
                }
                Instr::JumpUnlessEqImm { a, imm, target } => {
                    jump_unless!(a, &Value::Int(imm as i64), ==, CompareOp::Eq, target)
                }
                Instr::JumpUnlessNeImm { a, imm, target } => {
                    jump_unless!(a, &Value::Int(imm as i64), !=, CompareOp::NotEq, target)
                }
                Instr::Jump { target } => {
                    if (target as usize) < ip {
                        tri!(self.tick());
                    }
                    ip = target as usize;
                }
                Instr::JumpIfFalse { cond, target } => {
                    let truth = match reg!(cond) {
                        Value::Bool(b) => b,
                        Value::Int(i) => i != 0,
                        other => self.truthy(other),
                    };
                    if !truth {
                        ip = target as usize;
                    }
                }
                Instr::JumpIfTrue { cond, target } => {
                    let truth = match reg!(cond) {
                        Value::Bool(b) => b,
                        Value::Int(i) => i != 0,
                        other => self.truthy(other),
                    };
                    if truth {
                        ip = target as usize;
                    }
                }
                Instr::ForPrep { base: state } => {
                    let iterable = reg!(state);
                    let [start, stop, step] = match iterable {
                        Value::Range { .. } | Value::BigRange(_) => self.range_bounds(iterable),
                        // Sequences: the sequence stays in `state` (a GC root), the position
                        // goes in `state + 1`, and `None` in `state + 2` marks the kind.
                        Value::Str(_)
                        | Value::Tuple(_)
                        | Value::List(_)
                        | Value::Iterator(..)
                        | Value::Generator(_)
                        | Value::Dict(_)
                        | Value::DictView(..)
                        | Value::Set(_) => {
                            set!(state + 1, Value::Int(0));
                            set!(state + 2, Value::None);
                            continue;
                        }
                        other => fail!(ops_type_error(format!(
                            "'{}' object is not iterable",
                            other.type_name()
                        ))),
                    };
                    set!(state, Value::Int(start));
                    set!(state + 1, Value::Int(stop));
                    set!(state + 2, Value::Int(step));
                }
                Instr::ForNext {
                    base: state,
                    var,
                    exit,
                } => {
                    if !for_next!(state, var) {
                        ip = exit as usize;
                    }
                }
                Instr::ForLoop {
                    base: state,
                    var,
                    body,
                } => {
                    tri!(self.tick());
                    if for_next!(state, var) {
                        ip = body as usize;
                    }
                }
                Instr::Call {
                    func,
                    argc,
                    callee,
                    dst,
                } => call!(reg!(callee), func, argc, dst),
                Instr::CallGlobal {
                    func,
                    argc,
                    slot,
                    dst,
                } => call!(
                    match *global!(slot) {
                        Some(value) => value,
                        None => fail!(self.name_error(slot)),
                    },
                    func,
                    argc,
                    dst
                ),
                Instr::CallKw { func, argc, names } => {
                    let callee = reg!(func);
                    let keywords = program.keywords(names);
                    self.native_call_ip = (ip - 1) as u32;
                    let call = CallSite {
                        func,
                        dst: func,
                        argc: argc as usize,
                    };
                    let entered = tri!(self.enter_or_call(callee, base, call, keywords, ip));
                    if entered != NATIVE_CALL {
                        base = entered;
                        ip = self.entry_ip;
                    }
                    window!();
                }
                Instr::Return { src } => {
                    // SAFETY: a verified operand of the current window; the register stack
                    // is not resized before the copy below.
                    let from: *const Value = unsafe { regs.add(src as usize) };
                    let Some(frame) = self.hot.frames.pop() else {
                        finish!(unsafe { *from })
                    };
                    base = frame.base as usize;
                    ip = frame.return_ip as usize;
                    window!();
                    // Copied register to register: a `Value` held in a local went through
                    // a stack slot on every return. A native-return frame's result register
                    // (its `func` slot) is scratch space of the nested run.
                    // SAFETY: `result_reg` is a verified operand of the caller's window. The
                    // compiler never makes it overlap the callee's window, but the verifier
                    // does not require that, so this is a `copy` (overlap allowed).
                    unsafe { std::ptr::copy(from, regs.add(frame.result_reg as usize), 1) };
                    if frame.flags != 0 {
                        if frame.flags & Frame::SAVED_UNBOUND != 0 {
                            self.restore_unbound();
                        }
                        if frame.flags & Frame::NATIVE_RETURN != 0 {
                            finish!(reg!(frame.result_reg))
                        }
                    }
                }
                Instr::ReturnNone => {
                    let Some(frame) = self.hot.frames.pop() else {
                        finish!(Value::None)
                    };
                    if frame.flags != 0 {
                        if frame.flags & Frame::SAVED_UNBOUND != 0 {
                            self.restore_unbound();
                        }
                        if frame.flags & Frame::NATIVE_RETURN != 0 {
                            finish!(Value::None)
                        }
                    }
                    base = frame.base as usize;
                    ip = frame.return_ip as usize;
                    window!();
                    set!(frame.result_reg, Value::None);
                }
                Instr::CallStar { func, list, names } => {
                    self.native_call_ip = (ip - 1) as u32;
                    let entered = tri!(self.call_unpacked(base, func, list, names, ip));
                    if entered != NATIVE_CALL {
                        base = entered;
                        ip = self.entry_ip;
                    }
                    window!();
                }
                Instr::MakeGenerator { dst, index, start } => {
                    let generator = tri!(self.make_generator(index, base + start as usize));
                    set!(dst, generator);
                }
                Instr::Yield { src } => {
                    // Only generator bodies yield, and generator_next enters them.
                    let value = reg!(src);
                    self.yield_ip = ip as u32;
                    self.yielded = true;
                    self.hot.frames.pop();
                    finish!(value)
                }
                Instr::MakeFunction { dst, index, start } => {
                    let result = tri!(self.make_function(index, base + start as usize));
                    set!(dst, result);
                }
            }
        }
    }

    /// Makes a string of `len` bytes written by `fill`: inline when it is short, otherwise on
    /// the heap, collecting unreachable objects first when the heap has grown enough since
    /// the last collection (or would pass its limit).
    pub(crate) fn alloc_str_with(
        &mut self,
        len: usize,
        fill: impl FnOnce(&Self, &mut String),
    ) -> Result<StrRef, Exception> {
        if len <= StrRef::INLINE_MAX {
            let mut text = std::mem::take(&mut self.side.text_buffer);
            text.clear();
            fill(self, &mut text);
            let made = match StrRef::inline(&text) {
                Some(inline) => Ok(inline),
                // `len` understated the text: it goes to the heap after all.
                None => self.long_str(&text),
            };
            self.side.text_buffer = text;
            return made;
        }
        self.collect_if_needed(len);
        self.heap.reserve_string(len)?;
        // Copying is charged after the memory check, so an impossible size is a MemoryError.
        self.charge_bytes(len)?;
        let mut text = String::new();
        text.try_reserve_exact(len)
            .map_err(|_| Exception::new(ExceptionKind::MemoryError, String::new()))?;
        fill(self, &mut text);
        if let Some(inline) = StrRef::inline(&text) {
            // `len` overstated the text: short text is always inline.
            self.heap.release_string(len);
            return Ok(inline);
        }
        self.heap.insert_string(text)
    }

    /// A heap string holding `text` (not a generic `alloc_str_with`: that one calls this).
    fn long_str(&mut self, text: &str) -> Result<StrRef, Exception> {
        self.alloc_str_with(text.len(), |_, out| out.push_str(text))
    }

    /// Collects garbage first if allocating `bytes` more would pass the collection threshold
    /// (or the limit). Callers make sure every value they still need is in a root.
    pub(crate) fn collect_if_needed(&mut self, bytes: usize) {
        if self.heap.should_collect(bytes) {
            self.collect_garbage();
        }
    }

    /// Mark-sweep over the heap, rooted (conservatively) in the whole register stack, the
    /// globals, the keyword scratch space and the constants' values.
    #[cold]
    fn collect_garbage(&mut self) {
        let roots = self
            .hot
            .registers
            .iter()
            .copied()
            .chain(self.hot.globals.iter().flatten().copied())
            .chain(self.side.scratch.iter().flatten().copied())
            .chain(self.side.constants.iter().copied());
        self.heap.collect(roots);
    }

    /// Makes the values of the program's string and big-int literals (before the code runs,
    /// when it has any): short strings inline, long ones as references to the program's text.
    #[inline(never)]
    fn make_constants(&mut self) -> Result<(), Exception> {
        let program = self.program;
        for (at, constant) in program.constants.iter().enumerate() {
            let value = match *constant {
                Constant::Str(index) => Value::Str(
                    StrRef::inline(program.string(index))
                        .unwrap_or_else(|| StrRef::constant(at as u32)),
                ),
                Constant::BigInt(index) => {
                    let text = program.string(index).replace('_', "");
                    let radix = match text.get(..2) {
                        Some("0x" | "0X") => 16,
                        Some("0o" | "0O") => 8,
                        Some("0b" | "0B") => 2,
                        _ => 10,
                    };
                    let digits = if radix == 10 { &text[..] } else { &text[2..] };
                    let parsed = num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix)
                        .unwrap_or_default();
                    self.make_int(parsed)?
                }
                _ => Value::None,
            };
            self.side.constants.push(value);
        }
        Ok(())
    }

    #[cold]
    fn unbound_error(&self, name: pyrust_compiler::NameId) -> Exception {
        if self.hot.frames.is_empty() {
            // Module-level names in registers: an unset one is a NameError, as in CPython.
            return Exception::new(
                ExceptionKind::NameError,
                format!("name '{}' is not defined", self.program.names.resolve(name)),
            );
        }
        Exception::new(
            ExceptionKind::UnboundLocalError,
            format!(
                "cannot access local variable '{}' where it is not associated with a value",
                self.program.names.resolve(name)
            ),
        )
    }

    /// Counts one step (a backward jump or a call) against the budget.
    #[inline]
    fn tick(&mut self) -> Result<(), Exception> {
        if self.steps_left == 0 {
            self.refill_steps()?;
        }
        self.steps_left -= 1;
        Ok(())
    }

    /// Charges native work on `bytes` bytes of data (copying, comparing, searching) to the
    /// step budget, so a loop of large string operations cannot run far
    /// past its limits between two steps (one step per 512 bytes: about what a step of
    /// bytecode costs).
    pub(crate) fn charge_bytes(&mut self, bytes: usize) -> Result<(), Exception> {
        let mut cost = (bytes / 512) as u64;
        while cost > 0 {
            if self.steps_left == 0 {
                self.refill_steps()?;
            }
            let take = cost.min(self.steps_left);
            self.steps_left -= take;
            cost -= take;
        }
        Ok(())
    }

    /// Called every `POLL_INTERVAL` steps: ends the run if its step budget is spent, its
    /// deadline has passed or the host cancelled it; otherwise hands out the next chunk.
    #[cold]
    #[inline(never)]
    fn refill_steps(&mut self) -> Result<(), Exception> {
        if self.budget_left == 0 {
            return Err(Exception::new(
                ExceptionKind::TimeoutError,
                format!(
                    "the program exceeded its limit of {} steps",
                    self.limits.max_steps
                ),
            ));
        }
        if let Some(flag) = &self.cancel {
            if flag.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(Exception::new(
                    ExceptionKind::KeyboardInterrupt,
                    "the run was cancelled by the host".into(),
                ));
            }
        }
        if let (Some(deadline), Some(limit)) = (self.deadline, self.limits.max_duration) {
            if std::time::Instant::now() >= deadline {
                return Err(Exception::new(
                    ExceptionKind::TimeoutError,
                    format!("the program exceeded its time limit of {limit:?}"),
                ));
            }
        }
        let chunk = self.budget_left.min(POLL_INTERVAL);
        self.budget_left -= chunk;
        self.steps_left = chunk;
        Ok(())
    }

    /// Fails with the timeout error if a native operation expected to take `estimate` would
    /// end more than a few milliseconds past the run's deadline (it cannot poll midway).
    #[cold]
    pub(crate) fn check_native_duration(
        &self,
        estimate: std::time::Duration,
    ) -> Result<(), Exception> {
        const SLACK: std::time::Duration = std::time::Duration::from_millis(10);
        if let (Some(deadline), Some(limit)) = (self.deadline, self.limits.max_duration) {
            if std::time::Instant::now() + estimate > deadline + SLACK {
                return Err(Exception::new(
                    ExceptionKind::TimeoutError,
                    format!("the program exceeded its time limit of {limit:?}"),
                ));
            }
        }
        Ok(())
    }

    /// `ForNext` over a string, tuple or list (state: sequence, position, `None`): writes the
    /// next item to `var` and returns true, or returns false when the loop is done.
    #[cold]
    #[inline(never)]
    fn for_next_sequence(
        &mut self,
        base: usize,
        state: u8,
        var: u8,
        ip: usize,
    ) -> Result<bool, Exception> {
        let state = base + state as usize;
        // A list, the common case, read in place.
        if let (Value::List(list), Value::Int(position)) =
            (self.hot.registers[state], self.hot.registers[state + 1])
        {
            let Some(&item) = self.heap.list(list).get(position as usize) else {
                return Ok(false);
            };
            self.hot.registers[base + var as usize] = item;
            self.hot.registers[state + 1] = Value::Int(position + 1);
            return Ok(true);
        }
        if let Value::Generator(_) | Value::Iterator(..) = self.hot.registers[state] {
            // Resuming a generator runs code above this frame.
            self.native_call_ip = (ip - 1) as u32;
        }
        let (sequence, position) = (self.hot.registers[state], self.hot.registers[state + 1]);
        match self.sequence_next(sequence, position)? {
            Some((item, next)) => {
                self.hot.registers[base + var as usize] = item;
                self.hot.registers[state + 1] = next;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Unpacks `sequence` into the `count` registers from absolute index `first`. Lists and
    /// tuples are read in place; any other iterable is first collected into a list.
    fn unpack(&mut self, sequence: Value, first: usize, count: usize) -> Result<(), Exception> {
        // Sized iterables are checked before anything is made: `a, b = range(10**12)` is the
        // ValueError at once, as in CPython.
        let known_len = match sequence {
            Value::Str(s) => Some(self.str_char_count(s) as u64),
            Value::Range { .. } | Value::BigRange(_) => {
                Some(range_len(self.range_bounds(sequence)))
            }
            Value::Dict(d) | Value::DictView(d, _) => Some(self.dict_len(d) as u64),
            Value::Set(set) => Some(self.set_len(set) as u64),
            _ => None,
        };
        if let Some(len) = known_len {
            self.check_unpack_len(len, count)?;
        }
        if let Value::Generator(_) | Value::Iterator(..) = sequence {
            // Lazily, as CPython: at most one item past the targets is taken. The items go
            // straight into the target registers (GC roots).
            let mut position = Value::Int(0);
            for taken in 0..=count {
                match self.sequence_next(sequence, position)? {
                    Some((item, next)) if taken < count => {
                        self.hot.registers[first + taken] = item;
                        position = next;
                    }
                    Some(_) => return self.check_unpack_len(count as u64 + 1, count),
                    None => return self.check_unpack_len(taken as u64, count),
                }
            }
            return Ok(());
        }
        let items = match sequence {
            Value::Tuple(_) | Value::List(_) => sequence,
            Value::Str(_)
            | Value::Range { .. }
            | Value::BigRange(_)
            | Value::Dict(_)
            | Value::DictView(..)
            | Value::Set(_)
            | Value::Iterator(..) => self.collect_to_list(sequence)?,
            other => {
                return Err(ops_type_error(format!(
                    "cannot unpack non-iterable {} object",
                    other.type_name()
                )))
            }
        };
        self.check_unpack_len(self.items(items).len() as u64, count)?;
        for i in 0..count {
            self.hot.registers[first + i] = self.items(items)[i];
        }
        Ok(())
    }

    /// `a, *b, c = sequence`: `before` items into `first..`, a list of the middle ones,
    /// then `after` items.
    fn unpack_star(
        &mut self,
        sequence: Value,
        first: usize,
        before: usize,
        after: usize,
    ) -> Result<(), Exception> {
        if let Value::Tuple(_) | Value::List(_) = sequence {
        } else if self.check_iterable(sequence).is_err() {
            return Err(ops_type_error(format!(
                "cannot unpack non-iterable {} object",
                sequence.type_name()
            )));
        }
        let list = self.collect_to_list(sequence)?;
        self.hot.registers[first + before] = list;
        let Value::List(index) = list else {
            return Ok(());
        };
        let len = self.heap.list(index).len();
        if len < before + after {
            return Err(Exception::new(
                ExceptionKind::ValueError,
                format!(
                    "not enough values to unpack (expected at least {}, got {len})",
                    before + after
                ),
            ));
        }
        let items = self.heap.list_mut(index);
        let tail: SmallVec<[Value; 8]> = items.drain(len - after..).collect();
        let head: SmallVec<[Value; 8]> = items.drain(..before).collect();
        self.hot.registers[first..first + before].copy_from_slice(&head);
        self.hot.registers[first + before + 1..first + before + 1 + after].copy_from_slice(&tail);
        Ok(())
    }

    fn check_unpack_len(&self, len: u64, count: usize) -> Result<(), Exception> {
        if len > count as u64 {
            return Err(Exception::new(
                ExceptionKind::ValueError,
                format!("too many values to unpack (expected {count})"),
            ));
        }
        if len < count as u64 {
            return Err(Exception::new(
                ExceptionKind::ValueError,
                format!("not enough values to unpack (expected {count}, got {len})"),
            ));
        }
        Ok(())
    }

    /// The container instructions, out of line. Registers are addressed through the
    /// (verified) register stack at `base`; nothing here moves it.
    #[cold]
    #[inline(never)]
    fn container_instr(&mut self, instr: Instr, base: usize, ip: usize) -> Result<(), Exception> {
        let reg = |vm: &Self, r: u8| vm.hot.registers[base + r as usize];
        let (dst, value) = match instr {
            Instr::BuildList { dst, start, count } | Instr::BuildTuple { dst, start, count } => {
                let is_list = matches!(instr, Instr::BuildList { .. });
                let first = base + start as usize;
                (dst, self.build_sequence(is_list, first, count as usize)?)
            }
            Instr::ListExtendRegs { list, start, count } => {
                let first = base + start as usize;
                let list = reg(self, list);
                return self.extend_list_from_registers(list, first, count as usize);
            }
            Instr::ListToTuple { dst, src } => (dst, self.list_to_tuple(reg(self, src))?),
            Instr::ListExtend { list, src, call } => {
                let (list, iterable) = (reg(self, list), reg(self, src));
                if self.check_iterable(iterable).is_err() {
                    let what = match call {
                        Some(callee) => {
                            format!("{} argument", self.star_argument_owner(reg(self, callee)))
                        }
                        None => "Value".to_string(),
                    };
                    return Err(ops_type_error(format!(
                        "{what} after * must be an iterable, not {}",
                        iterable.type_name()
                    )));
                }
                self.native_call_ip = (ip - 1) as u32;
                return self.list_extend_iterable(list, iterable);
            }
            Instr::BuildDict { dst, start, count } => {
                (dst, self.build_dict(base + start as usize, count as usize)?)
            }
            Instr::BuildSet { dst, start, count } => {
                (dst, self.build_set(base + start as usize, count as usize)?)
            }
            Instr::SetAddRegs { set, start, count } => {
                let set = reg(self, set);
                return self.set_add_registers(set, base + start as usize, count as usize);
            }
            Instr::FoldSetConstant { dst, src, copy } => {
                (dst, self.fold_set_constant(reg(self, src), copy)?)
            }
            Instr::Unpack { src, start, count } => {
                let sequence = reg(self, src);
                if let Value::Generator(_) | Value::Iterator(..) = sequence {
                    self.native_call_ip = (ip - 1) as u32;
                }
                return self.unpack(sequence, base + start as usize, count as usize);
            }
            Instr::UnpackStar {
                src,
                start,
                before,
                after,
            } => {
                let sequence = reg(self, src);
                self.native_call_ip = (ip - 1) as u32;
                let first = base + start as usize;
                return self.unpack_star(sequence, first, before as usize, after as usize);
            }
            Instr::SetItem { obj, index, src } => {
                let (obj, index, src) = (reg(self, obj), reg(self, index), reg(self, src));
                return self.set_item(obj, index, src);
            }
            Instr::CallMethod { obj, argc, name } => {
                let args = base + obj as usize + 1;
                self.native_call_ip = (ip - 1) as u32;
                let receiver = reg(self, obj);
                (
                    obj,
                    self.call_method(receiver, name, args, argc as usize, &[])?,
                )
            }
            Instr::CallMethodKw { obj, argc, call } => {
                let args = base + obj as usize + 1;
                self.native_call_ip = (ip - 1) as u32;
                let receiver = reg(self, obj);
                let program = self.program;
                let (name, list) = program.method_calls[call as usize];
                let keywords = program.keywords(list);
                (
                    obj,
                    self.call_method(receiver, name, args, argc as usize, keywords)?,
                )
            }
            Instr::GetItem { dst, obj, index } => {
                let (obj, index) = (reg(self, obj), reg(self, index));
                (dst, self.get_item(obj, index)?)
            }
            Instr::FormatValue {
                dst,
                src,
                conversion,
                spec,
            } => {
                let value = reg(self, src);
                let spec = spec.map(|r| reg(self, r));
                (dst, self.format_field(value, conversion, spec)?)
            }
            Instr::BuildString { dst, start, count } => (
                dst,
                self.build_string(base + start as usize, count as usize)?,
            ),
            Instr::GetSlice { dst, obj, start } => {
                let bounds = std::array::from_fn(|i| reg(self, start + i as u8));
                let obj = reg(self, obj);
                (dst, self.get_slice(obj, bounds)?)
            }
            Instr::SetSlice { obj, start, src } => {
                let bounds = std::array::from_fn(|i| reg(self, start + i as u8));
                let (obj, src) = (reg(self, obj), reg(self, src));
                return self.set_slice(obj, bounds, src);
            }
            Instr::DelSlice { obj, start } => {
                let bounds = std::array::from_fn(|i| reg(self, start + i as u8));
                let obj = reg(self, obj);
                return self.del_slice(obj, bounds);
            }
            Instr::DelItem { obj, index } => {
                let (obj, index) = (reg(self, obj), reg(self, index));
                return self.del_item(obj, index);
            }
            _ => {
                return Err(Exception::new(
                    ExceptionKind::SystemError,
                    "not a container instruction".into(),
                ))
            }
        };
        self.hot.registers[base + dst as usize] = value;
        Ok(())
    }

    /// For native loops that only read VM state: the deadline and the cancel flag (the step
    /// budget needs `&mut self`; these loops are bounded by the memory limit instead).
    #[cold]
    pub(crate) fn poll_shared(&self) -> Result<(), Exception> {
        if let Some(flag) = &self.cancel {
            if flag.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(Exception::new(
                    ExceptionKind::KeyboardInterrupt,
                    "the run was cancelled by the host".into(),
                ));
            }
        }
        self.check_native_duration(std::time::Duration::ZERO)
    }

    /// Enters function `id` whose arguments are in place after the caller's `func` register.
    /// Returns the new frame's base.
    #[inline(never)]
    fn push_frame(
        &mut self,
        id: FuncId,
        base: usize,
        func: u8,
        result_reg: u8,
        return_ip: usize,
    ) -> Result<usize, Exception> {
        if self.hot.frames.len() + 2 > self.limits.max_call_depth as usize {
            return Err(recursion_error());
        }
        let program = self.program;
        let info = &program.functions[id.0 as usize];
        let new_base = base + func as usize + 1;
        let needed = new_base + info.register_count as usize;
        if self.hot.registers.len() < needed {
            self.grow_registers(needed)?;
        }
        let unbound = info.unbound_on_entry;
        // Only a callee with possibly-unassigned locals uses the unbound-register bitmap; for the
        // others the caller's bitmap stays in place untouched (nothing reads or writes it).
        let uses_bitmap = unbound != [0; 4];
        self.hot.frames.push(Frame {
            return_ip: return_ip as u32,
            base: base as u32,
            result_reg,
            flags: if uses_bitmap { Frame::SAVED_UNBOUND } else { 0 },
        });
        if uses_bitmap {
            self.side.saved_unbound.push(self.unbound);
            self.unbound = unbound;
        }
        Ok(new_base)
    }

    #[cold]
    fn restore_unbound(&mut self) {
        if let Some(unbound) = self.side.saved_unbound.pop() {
            self.unbound = unbound;
        }
    }

    #[cold]
    fn grow_registers(&mut self, needed: usize) -> Result<(), Exception> {
        let values: &mut Vec<Value> = &mut self.hot.registers;
        if needed <= values.len() {
            return Ok(());
        }
        // Memory is charged as capacity grows (nested frames reuse what they cut back).
        if needed > values.capacity() {
            let target = needed.max(values.len().saturating_mul(2));
            self.heap
                .reserve((target - values.capacity()) * std::mem::size_of::<Value>())?;
            values
                .try_reserve_exact(target - values.len())
                .map_err(|_| Exception::new(ExceptionKind::MemoryError, String::new()))?;
        }
        values.resize(needed, Value::None);
        Ok(())
    }

    #[cold]
    fn name_error(&self, slot: u16) -> Exception {
        let name = self
            .program
            .names
            .resolve(self.program.global_names[slot as usize]);
        if pyrust_compiler::is_python_builtin(name) && Builtin::from_name(name).is_none() {
            return Exception::new(
                ExceptionKind::NotImplementedError,
                format!("the builtin '{name}' is not supported by PyRust yet"),
            );
        }
        Exception::new(
            ExceptionKind::NameError,
            format!("name '{name}' is not defined"),
        )
    }

    /// The function and default values (the heap tuple holding both) of a Python function.
    fn python_function(&self, callee: Value) -> Option<(FuncId, Option<u32>)> {
        match callee {
            Value::Function(id) => Some((id, None)),
            Value::FunctionObject(index) => match self.heap.tuple(index).first() {
                Some(&Value::Function(id)) => Some((id, Some(index))),
                _ => None,
            },
            _ => None,
        }
    }

    /// The general call: binds the arguments of a Python function and pushes its frame, or
    /// calls a builtin. `func` is the callee's register; the arguments follow it.
    #[cold]
    #[inline(never)]
    fn enter_or_call(
        &mut self,
        callee: Value,
        base: usize,
        call: CallSite,
        keywords: &[pyrust_compiler::NameId],
        return_ip: usize,
    ) -> Result<usize, Exception> {
        let CallSite { func, dst, argc } = call;
        let args = base + func as usize + 1;
        if let Some((id, defaults)) = self.python_function(callee) {
            self.tick()?;
            self.bind_arguments(id, defaults, args, argc, keywords)?;
            let base = self.push_frame(id, base, func, dst, return_ip)?;
            self.entry_ip = self.program.functions[id.0 as usize].entry as usize;
            return Ok(base);
        }
        let result = self.call_native(callee, args, argc, keywords)?;
        self.hot.registers[base + dst as usize] = result;
        Ok(NATIVE_CALL)
    }

    /// `f(*args)`: the items of the list in register `list` become the positional arguments
    /// after `func`; then the call proceeds as any other.
    #[cold]
    #[inline(never)]
    fn call_unpacked(
        &mut self,
        base: usize,
        func: u8,
        list: u8,
        names: u16,
        return_ip: usize,
    ) -> Result<usize, Exception> {
        let program = self.program;
        let keywords: &[pyrust_compiler::NameId] = if names == u16::MAX {
            &[]
        } else {
            program.keywords(names)
        };
        let callee = self.hot.registers[base + func as usize];
        let list_at = base + list as usize;
        let mut items: Vec<Value> = self.items(self.hot.registers[list_at]).to_vec();
        items.extend_from_slice(&self.hot.registers[list_at + 1..list_at + 1 + keywords.len()]);
        let args = base + func as usize + 1;
        self.grow_registers(args + items.len())?;
        self.hot.registers[args..args + items.len()].copy_from_slice(&items);
        let call = CallSite {
            func,
            dst: func,
            argc: items.len(),
        };
        self.enter_or_call(callee, base, call, keywords, return_ip)
    }

    /// How CPython names the callee in "... argument after * must be an iterable".
    fn star_argument_owner(&self, callee: Value) -> String {
        match self.python_function(callee) {
            Some((id, _)) => {
                let name = self
                    .program
                    .names
                    .resolve(self.program.functions[id.0 as usize].name);
                format!("__main__.{name}()")
            }
            None => match callee {
                Value::Builtin(builtin) => format!("{}()", builtin.name()),
                other => {
                    let mut text = String::new();
                    match self.write_str(other, &mut text) {
                        Ok(()) => text,
                        Err(_) => other.type_name().to_string(),
                    }
                }
            },
        }
    }

    /// Calls `callee` from native code (a `key=` function, say). A Python function runs in
    /// a nested dispatch loop, its frame at the end of the register stack (which no live
    /// frame's window passes), cut back when it returns.
    pub(crate) fn call_value(&mut self, callee: Value, args: &[Value]) -> Result<Value, Exception> {
        let python = self.python_function(callee);
        if python.is_some() {
            self.check_native_nesting()?;
            self.tick()?;
        }
        let top = self.hot.registers.len();
        let first = top + 1;
        let needed = first + args.len();
        self.grow_registers(needed)?;
        self.hot.registers[first..needed].copy_from_slice(args);
        let Some((id, defaults)) = python else {
            let result = self.call_native(callee, first, args.len(), &[]);
            self.hot.registers.truncate(top);
            return result;
        };
        let frames_before = self.hot.frames.len();
        let entered = (|| {
            // Exactly the positional parameters (the common `key=` case): already in place.
            if args.len() != usize::from(self.program.functions[id.0 as usize].fast_argc) {
                self.bind_arguments(id, defaults, first, args.len(), &[])?;
            }
            self.push_frame(id, top, 0, 0, self.native_call_ip as usize + 1)
        })();
        let base = match entered {
            Ok(base) => base,
            Err(error) => {
                self.hot.registers.truncate(top);
                return Err(error);
            }
        };
        if let Some(frame) = self.hot.frames.last_mut() {
            frame.flags |= Frame::NATIVE_RETURN;
        }
        let entry = self.program.functions[id.0 as usize].entry as usize;
        let result = self.run_nested(base, entry, frames_before, top);
        self.hot.registers.truncate(top);
        result
    }

    /// RecursionError once native code calling Python has nested too deeply: each nested
    /// dispatch loop costs native stack (see `MAX_NATIVE_DEPTH`, `NATIVE_STACK_BUDGET`).
    fn check_native_nesting(&self) -> Result<(), Exception> {
        let stack_used = self.stack_origin.saturating_sub(stack_position());
        if self.native_depth >= MAX_NATIVE_DEPTH || stack_used > NATIVE_STACK_BUDGET {
            return Err(recursion_error());
        }
        Ok(())
    }

    /// Runs the frame just pushed at `base` (flagged `NATIVE_RETURN`; the frames below it
    /// number `frames_before`) in a nested dispatch loop from `ip`, until it returns or
    /// yields. On failure its frames are popped (see `unwind_nested`) and the register stack
    /// is cut back to `top`; on success the caller cuts it back once it has read what it
    /// needs.
    fn run_nested(
        &mut self,
        base: usize,
        ip: usize,
        frames_before: usize,
        top: usize,
    ) -> Result<Value, Exception> {
        let call_ip = self.native_call_ip;
        self.native_depth += 1;
        let result = self.dispatch(ip, base);
        self.native_depth -= 1;
        self.native_call_ip = call_ip;
        if result.is_err() {
            self.unwind_nested(frames_before, self.failed_ip);
            self.hot.registers.truncate(top);
        }
        result
    }

    /// The instruction each active call is at, outermost first, ending with `ip` (one past
    /// the failing instruction): the traceback of an error raised now.
    #[cold]
    fn active_calls(&self, ip: usize) -> Vec<u32> {
        let mut traceback: Vec<u32> = self
            .hot
            .frames
            .iter()
            .map(|frame| frame.return_ip.saturating_sub(1))
            .collect();
        traceback.push(ip.saturating_sub(1) as u32);
        traceback
    }

    /// After a nested dispatch loop failed: records the traceback as it stands (for the
    /// innermost failure only) and pops the loop's frames, so native code that handles the
    /// error (a StopIteration ending a `map`) goes on with a consistent frame stack.
    #[cold]
    fn unwind_nested(&mut self, frames_before: usize, ip: usize) {
        if self.side.error_traceback.is_none() {
            self.side.error_traceback = Some(self.active_calls(ip));
        }
        while self.hot.frames.len() > frames_before {
            if let Some(frame) = self.hot.frames.pop() {
                if frame.flags & Frame::SAVED_UNBOUND != 0 {
                    self.restore_unbound();
                }
            }
        }
    }

    /// Forgets the failure of a nested loop that native code handled.
    pub(crate) fn forget_nested_error(&mut self) {
        self.side.error_traceback = None;
    }

    /// `dst = ` a generator running the function of constant `index` with the arguments in
    /// registers `start..` (absolute). Its outermost iterable must be iterable now, as in
    /// CPython (which calls `iter()` on it here).
    #[cold]
    fn make_generator(&mut self, index: u16, start: usize) -> Result<Value, Exception> {
        let function = self.function_constant(index)?;
        self.check_iterable(self.hot.registers[start])?;
        let program = self.program;
        let info = &program.functions[function.0 as usize];
        let params = info.param_count as usize;
        let mut registers = vec![Value::None; (info.register_count as usize).max(params)];
        registers[..params].copy_from_slice(&self.hot.registers[start..start + params]);
        self.collect_if_needed(registers.len() * std::mem::size_of::<Value>() + 64);
        let generator = crate::heap::Generator {
            function,
            registers: registers.into_boxed_slice(),
            resume_ip: info.entry,
            state: crate::heap::GeneratorState::Suspended,
        };
        Ok(Value::Generator(self.heap.insert_generator(generator)?))
    }

    /// Resumes generator `index` until it yields (its value) or finishes (`None`). It runs
    /// in a nested dispatch loop on a frame above the native code resuming it, its registers
    /// copied in from the heap and back out when it yields.
    pub(crate) fn generator_next(&mut self, index: u32) -> Result<Option<Value>, Exception> {
        use crate::heap::GeneratorState;
        let Some(generator) = self.heap.generator_mut(index) else {
            return Ok(None);
        };
        match generator.state {
            GeneratorState::Finished => return Ok(None),
            GeneratorState::Running => {
                return Err(Exception::new(
                    ExceptionKind::ValueError,
                    "generator already executing".into(),
                ))
            }
            GeneratorState::Suspended => {}
        }
        let (resume_ip, count) = (generator.resume_ip as usize, generator.registers.len());
        self.check_native_nesting()?;
        if self.hot.frames.len() + 2 > self.limits.max_call_depth as usize {
            return Err(recursion_error());
        }
        self.tick()?;
        // Above every live frame: the end of the register stack (cut back afterwards).
        let top = self.hot.registers.len();
        let first = top + 1;
        let needed = first + count;
        self.grow_registers(needed)?;
        if let Some(generator) = self.heap.generator_mut(index) {
            generator.state = GeneratorState::Running;
        }
        if let Some(generator) = self.heap.generator(index) {
            self.hot.registers[first..needed].copy_from_slice(&generator.registers);
        }
        let frames_before = self.hot.frames.len();
        self.hot.frames.push(Frame {
            return_ip: self.native_call_ip + 1,
            base: top as u32,
            result_reg: 0,
            flags: Frame::NATIVE_RETURN,
        });
        self.yielded = false;
        let result = self.run_nested(first, resume_ip, frames_before, top);
        let yielded = std::mem::take(&mut self.yielded);
        let outcome = match result {
            Ok(value) if yielded => {
                let resume_ip = self.yield_ip;
                let (heap, registers) = (&mut self.heap, &self.hot.registers);
                if let Some(generator) = heap.generator_mut(index) {
                    generator
                        .registers
                        .copy_from_slice(&registers[first..needed]);
                    generator.resume_ip = resume_ip;
                    generator.state = GeneratorState::Suspended;
                }
                self.hot.registers.truncate(top);
                return Ok(Some(value));
            }
            Ok(_) => {
                self.hot.registers.truncate(top);
                Ok(None)
            }
            Err(error) => {
                // PEP 479: a StopIteration escaping a generator's body is a RuntimeError.
                if error.kind == ExceptionKind::StopIteration {
                    Err(Exception::new(
                        ExceptionKind::RuntimeError,
                        "generator raised StopIteration".into(),
                    ))
                } else {
                    Err(error)
                }
            }
        };
        if let Some(generator) = self.heap.generator_mut(index) {
            generator.state = GeneratorState::Finished;
        }
        outcome
    }

    /// The function of constant `index` (the verifier checked that it is one).
    fn function_constant(&self, index: u16) -> Result<FuncId, Exception> {
        match self.program.constants[index as usize] {
            Constant::Function(id) => Ok(id),
            _ => Err(Exception::new(
                ExceptionKind::SystemError,
                "a function constant was expected".into(),
            )),
        }
    }

    /// `dst = ` a function object: the function of constant `index` with the default values
    /// in registers `start..` (absolute).
    #[cold]
    fn make_function(&mut self, index: u16, start: usize) -> Result<Value, Exception> {
        let id = self.function_constant(index)?;
        let info = &self.program.functions[id.0 as usize];
        let count = self
            .program
            .all_params(info)
            .1
            .iter()
            .filter(|&&d| d)
            .count();
        let mut items: SmallVec<[Value; 8]> = SmallVec::new();
        items.push(Value::Function(id));
        items.extend_from_slice(&self.hot.registers[start..start + count]);
        self.collect_if_needed(std::mem::size_of_val(items.as_slice()) + 32);
        Ok(Value::FunctionObject(self.heap.insert_tuple(&items)?))
    }

    /// Places the arguments of a call to function `id` (with the default values of the
    /// function object `defaults`) in the frame's parameter order at `args..`: positional,
    /// keyword-only, `*args`, `**kwargs`. Follows CPython's binding order, so the same
    /// mistake gives the same error.
    #[cold]
    fn bind_arguments(
        &mut self,
        id: FuncId,
        defaults: Option<u32>,
        args: usize,
        argc: usize,
        keywords: &[pyrust_compiler::NameId],
    ) -> Result<(), Exception> {
        let total = self.program.functions[id.0 as usize].total_params();
        // The bound values live in the scratch roots until they are in place.
        let mark = self.side.scratch.len();
        self.side.scratch.resize(mark + total, None);
        let bound = self.bind_into_scratch(id, defaults, args, argc, keywords, mark);
        if bound.is_ok() {
            let needed = args + total;
            if self.hot.registers.len() < needed {
                if let Err(error) = self.grow_registers(needed) {
                    self.side.scratch.truncate(mark);
                    return Err(error);
                }
            }
            for i in 0..total {
                self.hot.registers[args + i] = self.side.scratch[mark + i].unwrap_or(Value::None);
            }
        }
        self.side.scratch.truncate(mark);
        bound
    }

    fn bind_into_scratch(
        &mut self,
        id: FuncId,
        defaults: Option<u32>,
        args: usize,
        argc: usize,
        keywords: &[pyrust_compiler::NameId],
        mark: usize,
    ) -> Result<(), Exception> {
        let program = self.program;
        let info = &program.functions[id.0 as usize];
        let name = program.names.resolve(info.name);
        let (params, has_default) = program.all_params(info);
        let n_pos = info.param_count as usize;
        let n_named = n_pos + info.kwonly_count as usize;
        let positional = argc - keywords.len();
        for i in 0..positional.min(n_pos) {
            self.side.scratch[mark + i] = Some(self.hot.registers[args + i]);
        }
        let mut slot = n_named;
        if info.varargs {
            let extra: SmallVec<[Value; 8]> = self.hot.registers
                [args + n_pos.min(positional)..args + positional]
                .iter()
                .copied()
                .collect();
            self.collect_if_needed(std::mem::size_of_val(extra.as_slice()) + 32);
            self.side.scratch[mark + slot] = Some(Value::Tuple(self.heap.insert_tuple(&extra)?));
            slot += 1;
        }
        let kwargs = if info.varkw {
            self.collect_if_needed(64);
            let dict = Value::Dict(self.heap.insert_dict()?);
            self.side.scratch[mark + slot] = Some(dict);
            Some(dict)
        } else {
            None
        };
        for (k, &keyword) in keywords.iter().enumerate() {
            let value = self.hot.registers[args + positional + k];
            let keyword_name = program.names.resolve(keyword);
            match params[..n_named].iter().position(|&p| p == keyword) {
                Some(i) if self.side.scratch[mark + i].is_some() => {
                    return Err(ops_type_error(format!(
                        "{name}() got multiple values for argument '{keyword_name}'"
                    )));
                }
                Some(i) => self.side.scratch[mark + i] = Some(value),
                None => {
                    let Some(Value::Dict(dict)) = kwargs else {
                        return Err(ops_type_error(format!(
                            "{name}() got an unexpected keyword argument '{keyword_name}'"
                        )));
                    };
                    let key = self.new_str(keyword_name)?;
                    self.side.scratch.push(Some(key));
                    let stored = self.dict_set(dict, key, value);
                    self.side.scratch.pop();
                    stored?;
                }
            }
        }
        let default_of = |vm: &Self, i: usize| -> Option<Value> {
            let index = has_default[..i].iter().filter(|&&d| d).count();
            defaults.and_then(|t| vm.heap.tuple(t).get(1 + index).copied())
        };
        if positional > n_pos && !info.varargs {
            let defcount = has_default[..n_pos].iter().filter(|&&d| d).count();
            let kwonly_given = (n_pos..n_named)
                .filter(|&i| self.side.scratch[mark + i].is_some())
                .count();
            let (takes, plural) = if defcount > 0 {
                (format!("from {} to {n_pos}", n_pos - defcount), "s")
            } else {
                (n_pos.to_string(), if n_pos == 1 { "" } else { "s" })
            };
            let kwonly = if kwonly_given > 0 {
                format!(
                    " positional argument{} (and {kwonly_given} keyword-only argument{})",
                    if positional == 1 { "" } else { "s" },
                    if kwonly_given == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            let verb = if positional == 1 && kwonly_given == 0 {
                "was"
            } else {
                "were"
            };
            return Err(ops_type_error(format!(
                "{name}() takes {takes} positional argument{plural} but {positional}{kwonly} {verb} given"
            )));
        }
        for (range, kind) in [(0..n_pos, "positional"), (n_pos..n_named, "keyword-only")] {
            let missing: SmallVec<[&str; 4]> = range
                .clone()
                .filter(|&i| self.side.scratch[mark + i].is_none() && !has_default[i])
                .map(|i| program.names.resolve(params[i]))
                .collect();
            if !missing.is_empty() {
                let plural = if missing.len() == 1 {
                    "argument"
                } else {
                    "arguments"
                };
                return Err(missing_arguments_error(
                    name,
                    &missing,
                    &format!("{kind} {plural}"),
                ));
            }
            for i in range {
                if self.side.scratch[mark + i].is_none() {
                    self.side.scratch[mark + i] = default_of(self, i);
                }
            }
        }
        Ok(())
    }
    /// The value in register `index` (absolute).
    #[inline]
    pub(crate) fn registers_at(&self, index: usize) -> Value {
        self.hot.registers[index]
    }

    /// Copies of the `count` argument registers starting at `args` (absolute index).
    pub(crate) fn argument_values(&self, args: usize, count: usize) -> SmallVec<[Value; 8]> {
        self.hot.registers[args..args + count]
            .iter()
            .copied()
            .collect()
    }

    /// Calls a builtin (or fails for a value that is not callable).
    #[cold]
    #[inline(never)]
    fn call_native(
        &mut self,
        callee: Value,
        args: usize,
        argc: usize,
        keywords: &[pyrust_compiler::NameId],
    ) -> Result<Value, Exception> {
        let Value::Builtin(builtin) = callee else {
            return Err(ops_type_error(format!(
                "'{}' object is not callable",
                callee.type_name()
            )));
        };
        let positional = argc - keywords.len();
        let values = &self.hot.registers[args..args + argc];
        match builtin {
            Builtin::Print => {
                let mut sep = None;
                let mut end = None;
                for (k, keyword) in keywords.iter().enumerate() {
                    let value = values[positional + k];
                    let keyword = self.program.names.resolve(*keyword);
                    let text = match value {
                        Value::None => None,
                        Value::Str(s) => Some(s),
                        other => match keyword {
                            "sep" | "end" => {
                                return Err(ops_type_error(format!(
                                    "{keyword} must be None or a string, not {}",
                                    other.type_name()
                                )))
                            }
                            _ => None,
                        },
                    };
                    match keyword {
                        "sep" => sep = text,
                        "end" => end = text,
                        "flush" => {}
                        "file" => {
                            return Err(Exception::new(
                                ExceptionKind::NotImplementedError,
                                "print(file=...) is not supported by PyRust yet".into(),
                            ))
                        }
                        other => {
                            return Err(ops_type_error(format!(
                                "'{other}' is an invalid keyword argument for print()"
                            )))
                        }
                    }
                }
                // Strings can be as large as the heap: check the text against the memory
                // limit and reserve it fallibly before copying (other values print short).
                let values = &self.hot.registers[args..args + positional];
                let text_bytes = |s: Option<StrRef>, default: usize| {
                    s.map_or(default, |s| self.str_ref(&s).len())
                };
                let string_bytes: usize = values
                    .iter()
                    .map(|&value| match value {
                        Value::Str(s) => self.str_ref(&s).len(),
                        _ => 0,
                    })
                    .sum::<usize>()
                    .saturating_add(text_bytes(sep, 1).saturating_mul(positional.saturating_sub(1)))
                    .saturating_add(text_bytes(end, 1));
                self.collect_if_needed(string_bytes);
                if !self.heap.would_fit(string_bytes) {
                    return Err(Exception::new(ExceptionKind::MemoryError, String::new()));
                }
                let mut out = std::mem::take(&mut self.output);
                if out.0.capacity() == 0 && string_bytes <= FIRST_OUTPUT_BYTES {
                    // The run's first text, short: one direct allocation with room for more
                    // (small, so infallible like any other), not the general growth path.
                    out.0 = String::with_capacity(FIRST_OUTPUT_BYTES);
                } else if out.0.try_reserve(string_bytes).is_err() {
                    self.output = out;
                    return Err(Exception::new(ExceptionKind::MemoryError, String::new()));
                }
                let before = out.0.len();
                for (i, &value) in self.hot.registers[args..args + positional]
                    .iter()
                    .enumerate()
                {
                    if i > 0 {
                        match sep {
                            Some(s) => out.0.push_str(self.str_ref(&s)),
                            None => out.0.push(' '),
                        }
                    }
                    // An int's digits go straight into the output (the commonest argument).
                    if let Value::Int(int) = value {
                        crate::value::push_int_repr(int, &mut out.0);
                        continue;
                    }
                    // CPython makes each argument's text before writing it: a failure leaves
                    // nothing of that argument in the output.
                    let written = out.0.len();
                    if let Err(error) = self.write_str(value, &mut out) {
                        out.0.truncate(written);
                        self.output = out;
                        return Err(error);
                    }
                }
                match end {
                    Some(s) => out.0.push_str(self.str_ref(&s)),
                    None => out.0.push('\n'),
                }
                let written = out.0.len() - before;
                self.output = out;
                // Printed text counts against the memory limit like any other data.
                self.heap.charge(written)?;
                Ok(Value::None)
            }
            Builtin::Range => {
                if !keywords.is_empty() {
                    return Err(ops_type_error("range() takes no keyword arguments".into()));
                }
                let mut bounds = [0i64; 3];
                for (i, value) in values.iter().enumerate().take(3) {
                    if let Value::BigInt(_) = value {
                        return Err(Exception::new(
                            ExceptionKind::NotImplementedError,
                            "range() with bounds past 64 bits is not supported by PyRust yet"
                                .into(),
                        ));
                    }
                    bounds[i] = value.as_int().ok_or_else(|| {
                        ops_type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            value.type_name()
                        ))
                    })?;
                }
                let [start, stop, step] = match argc {
                    0 => {
                        return Err(ops_type_error(
                            "range expected at least 1 argument, got 0".into(),
                        ))
                    }
                    1 => [0, bounds[0], 1],
                    2 => [bounds[0], bounds[1], 1],
                    3 => bounds,
                    n => {
                        return Err(ops_type_error(format!(
                            "range expected at most 3 arguments, got {n}"
                        )))
                    }
                };
                if step == 0 {
                    return Err(Exception::new(
                        ExceptionKind::ValueError,
                        "range() arg 3 must not be zero".into(),
                    ));
                }
                self.make_range(start, stop, step)
            }
            other => self.call_builtin(other, args, positional, keywords),
        }
    }
}

#[cold]
fn recursion_error() -> Exception {
    Exception::new(
        ExceptionKind::RecursionError,
        "maximum recursion depth exceeded".into(),
    )
}

fn ops_type_error(message: String) -> Exception {
    crate::ops::type_error(message)
}

#[cold]
fn missing_arguments_error(name: &str, missing: &[&str], kind: &str) -> Exception {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    };
    ops_type_error(format!(
        "{name}() missing {} required {kind}: {list}",
        missing.len()
    ))
}

#[cfg(test)]
mod tests {
    use crate::{Limits, Value, Vm, VmBuffers};
    use pyrust_compiler::Program;

    fn compiled(source: &str) -> Program {
        let ast = pyrust_parser::parse(source).expect("parses");
        pyrust_compiler::compile(source, &ast).expect("compiles")
    }

    /// `source` compiled, with the global slot of its name `n`.
    fn compiled_with_global_n(source: &str) -> (Program, usize) {
        let program = compiled(source);
        let slot = program
            .global_names
            .iter()
            .position(|&id| program.names.resolve(id) == "n")
            .expect("n is a global");
        (program, slot)
    }

    #[test]
    fn a_second_run_starts_from_the_module_entry() {
        let source = "if n:\n    x = 1\nx";
        let (program, slot) = compiled_with_global_n(source);
        let (mut buffers, limits) = (VmBuffers::default(), Limits::default());
        let mut vm = Vm::new(&program, &limits, &mut buffers);
        vm.set_global(slot, Value::Int(1));
        assert!(matches!(vm.run(), Ok(Value::Int(1))));
        // `x` is unbound again: the first run's assignment must not leak into the second.
        vm.set_global(slot, Value::Int(0));
        let error = vm.run().expect_err("x is unbound");
        assert!(error.message.contains("'x'"), "{}", error.message);
    }

    #[test]
    fn a_new_vm_starts_with_no_output_even_if_the_last_was_not_taken() {
        let (first, second) = (compiled("print(1)"), compiled("print(2)"));
        let (mut buffers, limits) = (VmBuffers::default(), Limits::default());
        let mut vm = Vm::new(&first, &limits, &mut buffers);
        assert!(vm.run().is_ok());
        assert_eq!(vm.output(), b"1\n");
        let mut vm = Vm::new(&second, &limits, &mut buffers);
        assert!(vm.run().is_ok());
        assert_eq!(vm.output(), b"2\n");
    }

    #[test]
    fn each_run_keeps_its_own_call_depth_limit() {
        let source = "def f(k):\n    return 0 if k == 0 else 1 + f(k - 1)\nf(n)";
        let (program, slot) = compiled_with_global_n(source);
        let mut buffers = VmBuffers::default();
        for (depth, expect_ok) in [(1000, true), (10, false), (1000, true), (0, false)] {
            let limits = Limits {
                max_call_depth: depth,
                ..Limits::default()
            };
            let mut vm = Vm::new(&program, &limits, &mut buffers);
            vm.set_global(slot, Value::Int(50));
            let result = vm.run();
            assert_eq!(result.is_ok(), expect_ok, "depth {depth}");
            if let Err(error) = result {
                assert_eq!(error.kind, crate::ExceptionKind::RecursionError, "{depth}");
            }
        }
    }

    #[test]
    fn each_run_of_a_vm_gets_the_whole_step_budget() {
        let source = "x = 0\nwhile x < n:\n    x += 1\nx";
        let (program, slot) = compiled_with_global_n(source);
        let mut buffers = VmBuffers::default();
        let limits = Limits {
            max_steps: 100_000,
            ..Limits::default()
        };
        let mut vm = Vm::new(&program, &limits, &mut buffers);
        // Each run takes well over half the budget.
        vm.set_global(slot, Value::Int(60_000));
        assert!(matches!(vm.run(), Ok(Value::Int(60_000))));
        assert!(matches!(vm.run(), Ok(Value::Int(60_000))));
    }

    #[test]
    fn a_host_cannot_pass_a_function_the_program_does_not_have() {
        let (program, slot) = compiled_with_global_n("def f():\n    return 1\nn()");
        let (mut buffers, limits) = (VmBuffers::default(), Limits::default());
        let mut vm = Vm::new(&program, &limits, &mut buffers);
        vm.set_global(slot, Value::Function(pyrust_compiler::FuncId(999)));
        let error = vm.run().expect_err("n is unset");
        assert!(error.message.contains("'n'"), "{}", error.message);
        let mut vm = Vm::new(&program, &limits, &mut buffers);
        vm.set_global(slot, Value::Function(pyrust_compiler::FuncId(1)));
        assert!(matches!(vm.run(), Ok(Value::Int(1))));
    }

    #[test]
    fn a_run_after_a_failed_one_keeps_none_of_its_frames() {
        let source = "def f():\n    return 7 // n\nf()";
        let (program, slot) = compiled_with_global_n(source);
        let (mut buffers, limits) = (VmBuffers::default(), Limits::default());
        let mut vm = Vm::new(&program, &limits, &mut buffers);
        vm.set_global(slot, Value::Int(0));
        assert!(vm.run().is_err());
        vm.set_global(slot, Value::Int(1));
        assert!(matches!(vm.run(), Ok(Value::Int(7))));
    }
}
