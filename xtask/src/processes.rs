//! Whole-process comparison: `target/release/pyrust FILE` against the fastest CPython 3.11 on
//! the machine (`/usr/bin/python3.11`, the distro's PGO+LTO build, else `python3`) running
//! the same file, runs interleaved; plus process start-up with `-c "print(2 + 3)"`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use pyrust_benches::{COLLECTION_PROGRAMS, LOOP_PROGRAMS};

use crate::compare::median;

pub fn compare(quick: bool) -> Result<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let status = Command::new(env!("CARGO"))
        .current_dir(&root)
        .args([
            "build",
            "--quiet",
            "--release",
            "--package",
            "pyrust",
            "--bin",
            "pyrust",
        ])
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("cargo build of pyrust failed".into());
    }
    let pyrust = root.join("target/release/pyrust");
    let python = if Path::new("/usr/bin/python3.11").exists() {
        "/usr/bin/python3.11".to_string()
    } else {
        "python3".to_string()
    };
    let version = Command::new(&python)
        .args(["-c", "import sys; print(sys.version)"])
        .output()
        .map_err(|e| e.to_string())?;
    let dir = std::env::temp_dir().join(format!("pyrust-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "Whole processes: {} vs {python} ({})",
        pyrust.display(),
        String::from_utf8_lossy(&version.stdout).trim()
    );
    let _ = writeln!(
        table,
        "{:<11} {:>12} {:>12} {:>9}",
        "program", "PyRust ms", "CPython ms", "speedup"
    );
    let rounds = if quick { 3 } else { 11 };
    for program in LOOP_PROGRAMS.iter().chain(&COLLECTION_PROGRAMS) {
        // The CPython file prints the final expression, as PyRust's output rule does.
        let mut lines: Vec<&str> = program.source.lines().collect();
        let last = lines.pop().unwrap_or("None");
        let ours = dir.join(format!("{}.py", program.name));
        let theirs = dir.join(format!("{}_cpython.py", program.name));
        std::fs::write(&ours, program.source).map_err(|e| e.to_string())?;
        std::fs::write(
            &theirs,
            format!("{}\nprint(repr({last}), end='')\n", lines.join("\n")),
        )
        .map_err(|e| e.to_string())?;
        let a = [
            pyrust.to_string_lossy().to_string(),
            ours.to_string_lossy().to_string(),
        ];
        let b = [python.clone(), theirs.to_string_lossy().to_string()];
        let (ms_ours, ms_theirs) = interleave(&a, &b, rounds)?;
        let _ = writeln!(
            table,
            "{:<11} {ms_ours:>12.2} {ms_theirs:>12.2} {:>8.1}x",
            program.name,
            ms_theirs / ms_ours
        );
    }
    let start_rounds = if quick { 21 } else { 41 };
    let a = [
        pyrust.to_string_lossy().to_string(),
        "-c".into(),
        "print(2 + 3)".into(),
    ];
    let b = [python.clone(), "-c".into(), "print(2 + 3)".into()];
    let (ms_ours, ms_theirs) = interleave(&a, &b, start_rounds)?;
    let _ = writeln!(
        table,
        "{:<11} {ms_ours:>12.2} {ms_theirs:>12.2} {:>8.1}x   (-c \"print(2 + 3)\", process start-up)",
        "startup",
        ms_theirs / ms_ours
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(table)
}

/// Median wall-clock milliseconds of two commands run alternately; their stdout must agree.
fn interleave(a: &[String], b: &[String], rounds: usize) -> Result<(f64, f64), String> {
    let (mut times_a, mut times_b) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (out_a, ms_a) = run(a)?;
        let (out_b, ms_b) = run(b)?;
        if out_a != out_b {
            return Err(format!(
                "outputs differ: {a:?} printed {out_a:?}, {b:?} printed {out_b:?}"
            ));
        }
        times_a.push(ms_a);
        times_b.push(ms_b);
    }
    Ok((median(times_a), median(times_b)))
}

fn run(command: &[String]) -> Result<(String, f64), String> {
    let start = Instant::now();
    let output = Command::new(&command[0])
        .args(&command[1..])
        .output()
        .map_err(|e| format!("{}: {e}", command[0]))?;
    let ms = start.elapsed().as_secs_f64() * 1e3;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok((
        String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_string(),
        ms,
    ))
}
