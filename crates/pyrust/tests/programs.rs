//! Differential tests: every `tests/programs/**/NAME.py` runs through `execute_python` and must
//! print exactly `NAME.out` (recorded from CPython 3.11 by `scripts/record_expected.py`) and,
//! when `NAME.err` exists, fail with exactly that `Type: message` line (SyntaxError and
//! IndentationError: the type only, as their wording differs between CPython versions).
//! All mismatches are reported together.

use std::path::{Path, PathBuf};

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs")
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, found);
        } else if path.extension().is_some_and(|e| e == "py") {
            found.push(path);
        }
    }
}

fn check(program: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(program).map_err(|e| e.to_string())?;
    let expected_out = std::fs::read_to_string(program.with_extension("out"))
        .map_err(|e| format!("missing .out: {e}"))?;
    let expected_err = std::fs::read_to_string(program.with_extension("err"))
        .ok()
        .map(|s| s.trim_end().to_string());
    let (output, error) = match pyrust::execute_python(&source) {
        Ok(output) => (output, None),
        Err(error) => (error.output.clone(), Some(error.last_line())),
    };
    if output.trim_end_matches('\n') != expected_out.trim_end_matches('\n') {
        return Err(format!(
            "stdout differs\n--- expected\n{expected_out}\n--- got\n{output}\n--- error: {error:?}"
        ));
    }
    match (expected_err, error) {
        (None, None) => Ok(()),
        (Some(want), Some(got)) => {
            let want_type = want.split(':').next().unwrap_or("");
            let syntax = matches!(want_type, "SyntaxError" | "IndentationError" | "TabError");
            let same = if syntax {
                got.split(':').next() == Some(want_type)
            } else {
                got == want
            };
            if same {
                Ok(())
            } else {
                Err(format!("error differs: want `{want}`, got `{got}`"))
            }
        }
        (None, Some(got)) => Err(format!("unexpected error `{got}`")),
        (Some(want), None) => Err(format!("expected error `{want}`, program succeeded")),
    }
}

#[test]
fn programs_match_cpython() {
    let mut programs = Vec::new();
    collect(&programs_dir(), &mut programs);
    assert!(
        programs.len() > 200,
        "only {} programs found",
        programs.len()
    );
    let failures: Vec<String> = programs
        .iter()
        .filter_map(|p| check(p).err().map(|why| format!("{}: {why}", p.display())))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from CPython:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n\n")
    );
}
