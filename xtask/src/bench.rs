//! `cargo xtask bench`: runs the criterion suite, then reads every benchmark's median from
//! target/criterion and prints/writes the tables and an SVG chart.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pyrust_benches::{cpython_version, END_TO_END_PROGRAMS, STAGE_PROGRAMS};

const MARK_START: &str = "<!-- xtask bench: start -->";
const MARK_END: &str = "<!-- xtask bench: end -->";

pub fn run(quick: bool) -> ExitCode {
    let root = workspace_root();
    let mut command = std::process::Command::new(env!("CARGO"));
    command
        .current_dir(&root)
        .args(["bench", "--package", "pyrust-benches", "--benches", "--"]);
    if quick {
        command.args(["--warm-up-time", "1", "--measurement-time", "2"]);
    }
    match command.status() {
        Ok(status) if status.success() => {}
        _ => {
            eprintln!("cargo bench failed");
            return ExitCode::FAILURE;
        }
    }
    let criterion = root.join("target/criterion");
    let report = match build_report(&criterion) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", report.markdown);
    let docs = root.join("docs");
    if let Err(error) = write_docs(&docs, &report) {
        eprintln!("cannot write docs: {error}");
        return ExitCode::FAILURE;
    }
    println!("written: docs/performance.md, docs/bench.svg");
    ExitCode::SUCCESS
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The median (ns) criterion recorded for `group/function`.
fn median_ns(criterion: &Path, group: &str, function: &str) -> Result<f64, String> {
    // Criterion replaces '/' in group names with '_' for directories.
    let path = criterion
        .join(group.replace('/', "_"))
        .join(function)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let median = text
        .find("\"median\"")
        .ok_or_else(|| format!("{}: no median", path.display()))?;
    let rest = &text[median..];
    let at = rest
        .find("\"point_estimate\":")
        .ok_or_else(|| format!("{}: no point estimate", path.display()))?;
    let number: String = rest[at + "\"point_estimate\":".len()..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        .collect();
    number
        .parse()
        .map_err(|_| format!("{}: bad number {number:?}", path.display()))
}

struct Report {
    markdown: String,
    /// (program, PyRust end to end ns, CPython compile+eval ns)
    bars: Vec<(&'static str, f64, f64)>,
}

fn build_report(criterion: &Path) -> Result<Report, String> {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "CPython: `{}` (embedded via pyo3)\n",
        cpython_version().replace('\n', " ")
    );
    let _ = writeln!(
        md,
        "### Per stage (median ns, buffers reused, input prepared outside the loop)\n"
    );
    let _ = writeln!(
        md,
        "| program | lexer | parser | compiler | vm (new VM + run) |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|");
    for program in STAGE_PROGRAMS {
        let group = format!("stages/{}", program.name);
        let cell = |f: &str| median_ns(criterion, &group, f);
        let _ = writeln!(
            md,
            "| `{}` | {:.1} | {:.1} | {:.1} | {:.1} |",
            program.source.replace('\n', "; "),
            cell("lexer")?,
            cell("parser")?,
            cell("compiler")?,
            cell("vm")?
        );
    }
    let _ = writeln!(md, "\n### End to end vs CPython (median ns per run)\n");
    let _ = writeln!(md, "| program | PyRust `execute_python` | CPython compile+eval | speedup | CPython eval (precompiled) |");
    let _ = writeln!(md, "|---|---:|---:|---:|---:|");
    let mut bars = Vec::new();
    for program in END_TO_END_PROGRAMS {
        let ours = median_ns(criterion, "end_to_end", program.name)?;
        let group = format!("cpython/{}", program.name);
        let theirs = median_ns(criterion, &group, "compile_and_eval")?;
        let eval = median_ns(criterion, &group, "eval_precompiled")?;
        let _ = writeln!(
            md,
            "| {} | {ours:.1} | {theirs:.1} | {:.1}x | {eval:.1} |",
            program.name,
            theirs / ours
        );
        bars.push((program.name, ours, theirs));
    }
    Ok(Report { markdown: md, bars })
}

fn write_docs(docs: &Path, report: &Report) -> std::io::Result<()> {
    let path = docs.join("performance.md");
    let existing = std::fs::read_to_string(&path).unwrap_or_default();
    let section = format!(
        "{MARK_START}\n{}\n![PyRust vs CPython, end to end](bench.svg)\n{MARK_END}",
        report.markdown
    );
    let updated = match (existing.find(MARK_START), existing.find(MARK_END)) {
        (Some(start), Some(end)) if end > start => {
            format!(
                "{}{section}{}",
                &existing[..start],
                &existing[end + MARK_END.len()..]
            )
        }
        _ => format!("{existing}\n## Latest `cargo xtask bench`\n\n{section}\n"),
    };
    std::fs::write(&path, updated)?;
    std::fs::write(docs.join("bench.svg"), svg_chart(&report.bars))
}

/// A horizontal bar chart, log scale, PyRust vs CPython per program.
fn svg_chart(bars: &[(&str, f64, f64)]) -> String {
    let width = 720.0;
    let left = 110.0;
    let row = 46.0;
    let height = 40.0 + row * bars.len() as f64;
    let max = bars
        .iter()
        .map(|b| b.1.max(b.2))
        .fold(1.0, f64::max)
        .log10()
        .ceil();
    let min = bars
        .iter()
        .map(|b| b.1.min(b.2))
        .fold(f64::MAX, f64::min)
        .max(1.0)
        .log10()
        .floor();
    let scale =
        |ns: f64| (ns.max(1.0).log10() - min + 0.3) / (max - min + 0.3) * (width - left - 90.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <text x=\"10\" y=\"18\" font-weight=\"bold\">End to end, median ns per run (log scale): PyRust (blue) vs CPython compile+eval (grey)</text>\n"
    );
    for (i, (name, ours, theirs)) in bars.iter().enumerate() {
        let y = 32.0 + row * i as f64;
        let _ = write!(
            svg,
            "<text x=\"10\" y=\"{:.0}\">{name}</text>\n\
             <rect x=\"{left}\" y=\"{y:.0}\" width=\"{:.1}\" height=\"16\" fill=\"#2b6cb0\"/>\n\
             <text x=\"{:.1}\" y=\"{:.0}\">{ours:.0} ns</text>\n\
             <rect x=\"{left}\" y=\"{:.0}\" width=\"{:.1}\" height=\"16\" fill=\"#a0aec0\"/>\n\
             <text x=\"{:.1}\" y=\"{:.0}\">{theirs:.0} ns ({:.1}x)</text>\n",
            y + 20.0,
            scale(*ours),
            left + scale(*ours) + 4.0,
            y + 13.0,
            y + 18.0,
            scale(*theirs),
            left + scale(*theirs) + 4.0,
            y + 31.0,
            theirs / ours
        );
    }
    svg.push_str("</svg>\n");
    svg
}
