//! Slicing: `x[a:b:c]` for str, list, tuple and range, slice assignment and `del` on lists,
//! with CPython's index adjustment (`PySlice_AdjustIndices`) and messages.

use num_traits::Signed;

use crate::error::{Exception, ExceptionKind};
use crate::ops::type_error;
use crate::value::{StrRef, Value};
use crate::vm::Machine;

/// A slice resolved against a sequence length: the first index, the step, and how many
/// items it selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SliceIndices {
    pub start: i64,
    /// The adjusted stop (range slicing keeps it, as CPython does).
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

impl SliceIndices {
    /// The selected positions, in slice order.
    pub fn positions(self) -> impl Iterator<Item = usize> {
        (0..self.len).map(move |k| (self.start + k as i64 * self.step) as usize)
    }
}

/// One slice bound as an `isize`-clamped integer (`None` when omitted).
fn bound(vm: &Machine, value: Value) -> Result<Option<i64>, Exception> {
    match value {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(i)),
        Value::Bool(b) => Ok(Some(i64::from(b))),
        // CPython clamps out-of-range slice bounds to the index range.
        Value::BigInt(index) => Ok(Some(if vm.heap.bigint(index).is_negative() {
            i64::MIN
        } else {
            i64::MAX
        })),
        _ => Err(type_error(
            "slice indices must be integers or None or have an __index__ method".into(),
        )),
    }
}

/// CPython's `PySlice_Unpack` followed by `PySlice_AdjustIndices` for a sequence of `length`.
pub(crate) fn resolve(
    vm: &Machine,
    [lower, upper, step]: [Value; 3],
    length: usize,
) -> Result<SliceIndices, Exception> {
    let step = match bound(vm, step)? {
        None => 1,
        Some(0) => {
            return Err(Exception::new(
                ExceptionKind::ValueError,
                "slice step cannot be zero".into(),
            ))
        }
        // -isize::MAX, so that `-step` cannot overflow.
        Some(step) => step.max(-i64::MAX),
    };
    let length = length as i64;
    let adjust = |value: Option<i64>, default: i64| -> i64 {
        let Some(mut index) = value else {
            return default;
        };
        if index < 0 {
            index += length;
            if index < 0 {
                index = if step < 0 { -1 } else { 0 };
            }
        } else if index >= length {
            index = if step < 0 { length - 1 } else { length };
        }
        index
    };
    let (default_start, default_stop) = if step < 0 {
        (length - 1, -1)
    } else {
        (0, length)
    };
    let start = adjust(bound(vm, lower)?, default_start);
    let stop = adjust(bound(vm, upper)?, default_stop);
    let len = if step < 0 {
        if stop < start {
            (start - stop - 1) / -step + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok(SliceIndices {
        start,
        stop,
        step,
        len: len as usize,
    })
}

impl Machine {
    /// `obj[lower:upper:step]`.
    pub(crate) fn get_slice(&mut self, obj: Value, bounds: [Value; 3]) -> Result<Value, Exception> {
        match obj {
            Value::List(_) | Value::Tuple(_) => {
                let is_list = matches!(obj, Value::List(_));
                let items = self.items(obj);
                let slice = resolve(self, bounds, items.len())?;
                let bytes = slice.len * std::mem::size_of::<Value>();
                self.collect_if_needed(bytes + 32);
                self.charge_bytes(bytes)?;
                let items = self.items(obj);
                let selected: Vec<Value> = if slice.step == 1 {
                    let start = slice.start as usize;
                    items[start..start + slice.len].to_vec()
                } else {
                    slice.positions().map(|i| items[i]).collect()
                };
                self.new_sequence(is_list, &selected)
            }
            Value::Str(s) => {
                let text = self.str_ref(&s);
                if text.is_ascii() {
                    let slice = resolve(self, bounds, text.len())?;
                    let start = slice.start as usize;
                    if slice.step == 1 && start == 0 && slice.len == text.len() {
                        return Ok(obj);
                    }
                    if slice.step == 1 {
                        let text = self.substring(&s, start, start + slice.len)?;
                        return Ok(Value::Str(text));
                    }
                    if slice.len <= StrRef::INLINE_MAX {
                        // A short result (`w[::-1]` of a word) is gathered on the stack.
                        let bytes = self.str_ref(&s).as_bytes();
                        let mut picked = [0u8; StrRef::INLINE_MAX];
                        for (to, from) in picked.iter_mut().zip(slice.positions()) {
                            *to = bytes[from];
                        }
                        // ASCII bytes are UTF-8.
                        let text = std::str::from_utf8(&picked[..slice.len]).unwrap_or("");
                        if let Some(inline) = StrRef::inline(text) {
                            return Ok(Value::Str(inline));
                        }
                    }
                    let text = self.alloc_str_with(slice.len, |vm, out| {
                        let bytes = vm.str_ref(&s).as_bytes();
                        out.extend(slice.positions().map(|i| bytes[i] as char));
                    })?;
                    return Ok(Value::Str(text));
                }
                self.charge_bytes(text.len())?;
                let text = self.str_ref(&s);
                let chars: Vec<char> = text.chars().collect();
                let slice = resolve(self, bounds, chars.len())?;
                if slice.step == 1 && slice.start == 0 && slice.len == chars.len() {
                    return Ok(obj);
                }
                let bytes: usize = slice.positions().map(|i| chars[i].len_utf8()).sum();
                let text = self.alloc_str_with(bytes, |_, out| {
                    out.extend(slice.positions().map(|i| chars[i]));
                })?;
                Ok(Value::Str(text))
            }
            Value::Range { .. } | Value::BigRange(_) => {
                if bounds.iter().any(|b| matches!(b, Value::BigInt(_))) {
                    return Err(too_wide_range());
                }
                let [start, _, step] = self.range_bounds(obj);
                let length = crate::ops::range_len(self.range_bounds(obj));
                let length = usize::try_from(length).map_err(|_| too_wide_range())?;
                let slice = resolve(self, bounds, length)?;
                // range(start + i*step, start + j*step, step*k), as CPython computes it.
                let new_start = start as i128 + slice.start as i128 * step as i128;
                let new_step = step as i128 * slice.step as i128;
                let new_stop = start as i128 + slice.stop as i128 * step as i128;
                let fit = |v: i128| i64::try_from(v).map_err(|_| too_wide_range());
                self.make_range(fit(new_start)?, fit(new_stop)?, fit(new_step)?)
            }
            Value::Dict(_) => Err(type_error("unhashable type: 'slice'".into())),
            other => Err(type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            ))),
        }
    }

    /// `obj[lower:upper:step] = value`: lists only.
    pub(crate) fn set_slice(
        &mut self,
        obj: Value,
        bounds: [Value; 3],
        value: Value,
    ) -> Result<(), Exception> {
        if let Value::Dict(_) = obj {
            return Err(type_error("unhashable type: 'slice'".into()));
        }
        let Value::List(list) = obj else {
            return Err(type_error(format!(
                "'{}' object does not support item assignment",
                obj.type_name()
            )));
        };
        let slice = resolve(self, bounds, self.heap.list(list).len())?;
        let is_iterable = matches!(
            value,
            Value::List(_)
                | Value::Tuple(_)
                | Value::Str(_)
                | Value::Range { .. }
                | Value::BigRange(_)
                | Value::Dict(_)
                | Value::DictView(..)
                | Value::Iterator(..)
                | Value::Set(_)
        );
        if !is_iterable {
            return Err(type_error(if slice.step == 1 {
                "can only assign an iterable".into()
            } else {
                "must assign iterable to extended slice".into()
            }));
        }
        // A copy first: `a[:] = a` reads the list it replaces. The copy stays in a root.
        let items = self.collect_to_list(value)?;
        let mark = self.side.scratch.len();
        self.side.scratch.push(Some(items));
        let result = self.assign_slice_items(list, slice, items);
        self.side.scratch.truncate(mark);
        result
    }

    fn assign_slice_items(
        &mut self,
        list: u32,
        slice: SliceIndices,
        items: Value,
    ) -> Result<(), Exception> {
        let new_items = self.items(items).to_vec();
        if slice.step == 1 {
            let grow = new_items.len().saturating_sub(slice.len);
            if grow > 0 {
                self.heap.list_reserve(list, grow)?;
            }
            self.charge_bytes((new_items.len() + slice.len) * std::mem::size_of::<Value>())?;
            let start = slice.start as usize;
            let storage = self.heap.list_mut(list);
            // CPython keeps `start` even for an empty slice that starts past `stop`.
            let end = (start + slice.len).min(storage.len());
            storage.splice(start..end, new_items);
            return Ok(());
        }
        if new_items.len() != slice.len {
            return Err(Exception::new(
                ExceptionKind::ValueError,
                format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    new_items.len(),
                    slice.len
                ),
            ));
        }
        let storage = self.heap.list_mut(list);
        for (position, item) in slice.positions().zip(new_items) {
            storage[position] = item;
        }
        Ok(())
    }

    /// `del obj[lower:upper:step]`: lists only.
    pub(crate) fn del_slice(&mut self, obj: Value, bounds: [Value; 3]) -> Result<(), Exception> {
        if let Value::Dict(_) = obj {
            return Err(type_error("unhashable type: 'slice'".into()));
        }
        let Value::List(list) = obj else {
            return Err(type_error(format!(
                "'{}' object does not support item deletion",
                obj.type_name()
            )));
        };
        let slice = resolve(self, bounds, self.heap.list(list).len())?;
        self.charge_bytes(std::mem::size_of_val(self.heap.list(list)))?;
        let storage = self.heap.list_mut(list);
        if slice.step == 1 {
            let start = slice.start as usize;
            storage.drain(start..start + slice.len);
        } else if slice.len > 0 {
            // Positions in increasing order, so one pass keeps the others.
            let (first, last) = if slice.step > 0 {
                (
                    slice.start,
                    slice.start + (slice.len as i64 - 1) * slice.step,
                )
            } else {
                (
                    slice.start + (slice.len as i64 - 1) * slice.step,
                    slice.start,
                )
            };
            let stride = slice.step.unsigned_abs();
            let mut position = 0usize;
            storage.retain(|_| {
                let i = position as i64;
                position += 1;
                !(i >= first && i <= last && ((i - first) as u64).is_multiple_of(stride))
            });
        }
        Ok(())
    }

    /// `del obj[index]`.
    pub(crate) fn del_item(&mut self, obj: Value, index: Value) -> Result<(), Exception> {
        match obj {
            Value::Dict(dict) => match self.dict_remove(dict, index)? {
                Some(_) => Ok(()),
                None => Err(self.key_error(index)),
            },
            Value::List(list) => {
                let len = self.heap.list(list).len();
                let i = self.sequence_index("list assignment", len, index)?;
                self.charge_bytes(std::mem::size_of_val(self.heap.list(list)))?;
                self.heap.list_mut(list).remove(i);
                Ok(())
            }
            Value::Str(_)
            | Value::Tuple(_)
            | Value::Range { .. }
            | Value::BigRange(_)
            | Value::Set(_) => Err(type_error(format!(
                "'{}' object doesn't support item deletion",
                obj.type_name()
            ))),
            other => Err(type_error(format!(
                "'{}' object does not support item deletion",
                other.type_name()
            ))),
        }
    }

    /// A `range` value, inline when its bounds fit `i32`.
    pub(crate) fn make_range(
        &mut self,
        start: i64,
        stop: i64,
        step: i64,
    ) -> Result<Value, Exception> {
        match (
            i32::try_from(start),
            i32::try_from(stop),
            i32::try_from(step),
        ) {
            (Ok(start), Ok(stop), Ok(step)) => Ok(Value::Range { start, stop, step }),
            _ => Ok(Value::BigRange(self.heap.alloc_range([start, stop, step])?)),
        }
    }
}

#[cold]
fn too_wide_range() -> Exception {
    Exception::new(
        ExceptionKind::NotImplementedError,
        "slicing a range whose bounds pass 64 bits is not supported by PyRust yet".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    fn indices(bounds: [Option<i64>; 3], length: usize) -> Vec<usize> {
        let ast = pyrust_parser::parse("0").expect("parses");
        let program = pyrust_compiler::compile("0", &ast).expect("compiles");
        let mut buffers = crate::VmBuffers::default();
        let limits = crate::Limits::default();
        let vm = crate::Vm::new(&program, &limits, &mut buffers);
        let value = |b: Option<i64>| b.map_or(Value::None, Value::Int);
        let slice = resolve(vm.machine(), bounds.map(value), length).unwrap();
        slice.positions().collect()
    }

    #[test]
    fn adjusts_like_cpython() {
        assert_eq!(indices([None, None, None], 3), [0, 1, 2]);
        assert_eq!(indices([None, None, Some(-1)], 3), [2, 1, 0]);
        assert_eq!(indices([Some(-2), None, None], 3), [1, 2]);
        assert_eq!(indices([Some(1), Some(100), Some(2)], 6), [1, 3, 5]);
        assert_eq!(indices([Some(-100), Some(2), None], 3), [0, 1]);
        assert_eq!(indices([Some(5), Some(0), Some(-2)], 4), [3, 1]);
        assert_eq!(indices([Some(2), Some(1), None], 4), Vec::<usize>::new());
        assert_eq!(indices([None, None, Some(i64::MIN)], 3), [2]);
    }
}
