//! Links the `pyrust` command as a static PIE on Linux with glibc, when the static C library
//! is installed (Debian's `libc6-dev` ships it).
//!
//! Why: the command's start-up is one of PyRust's promises (`pyrust -c "print(2 + 3)"`), and
//! a dynamically linked binary spends about 40 % of it in the dynamic loader (mapping
//! libc, libm and libgcc_s, and relocating them): 0.60 -> 0.35 ms of CPU time, 88 -> 51 page
//! faults (`perf stat`, docs/performance.md "Start-up").
//!
//! Why a build script and not `-C target-feature=+crt-static`: cargo applies that flag to
//! proc macros and build scripts too unless every build names `--target`, and it would also
//! reach the pyo3 benchmarks, which must link CPython dynamically. The flag changes nothing in
//! the precompiled standard library's code, only how the final link is done, so this script
//! asks for that link for the `pyrust` binary alone: `-static-pie`, and the static unwinder
//! `libgcc_eh` where the standard library names the shared `libgcc_s` (a one-line linker
//! script found first on the library path). The library crate and the tests are unaffected.
//!
//! `PYRUST_DYNAMIC_LINK=1` keeps the ordinary dynamic link.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PYRUST_DYNAMIC_LINK");
    println!("cargo:rerun-if-env-changed=CC");
    let target_is = |key: &str, value: &str| std::env::var(key).is_ok_and(|v| v == value);
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let wanted = target_is("CARGO_CFG_TARGET_OS", "linux")
        && target_is("CARGO_CFG_TARGET_ENV", "gnu")
        && std::env::var_os("PYRUST_DYNAMIC_LINK").is_none()
        // Already static (the user asked for `+crt-static`): nothing to do.
        && !features.split(',').any(|f| f == "crt-static");
    if !wanted {
        return;
    }
    let (Some(libc), Some(libm), Some(libgcc), Some(libgcc_eh)) = (
        static_library("libc.a"),
        static_library("libm.a"),
        static_library("libgcc.a"),
        static_library("libgcc_eh.a"),
    ) else {
        return;
    };
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        return;
    };
    // rustc links the standard library's C dependencies with `-Bdynamic -lgcc_s ... -lm -lc`.
    // These linker scripts, found first on the library path, turn the shared names into
    // the static archives. glibc's libpthread, libdl, librt and libutil are empty archives
    // already (their code lives in libc since glibc 2.34).
    let dir = Path::new(&out_dir).join("static-link");
    let scripts = [
        ("libgcc_s.so", format!("INPUT({})\n", libgcc_eh.display())),
        ("libm.so", format!("INPUT({})\n", libm.display())),
        (
            "libc.so",
            format!(
                "GROUP({} {} {})\n",
                libc.display(),
                libgcc.display(),
                libgcc_eh.display()
            ),
        ),
    ];
    if std::fs::create_dir_all(&dir).is_err()
        || scripts
            .iter()
            .any(|(name, text)| std::fs::write(dir.join(name), text).is_err())
    {
        return;
    }
    println!("cargo:rustc-link-arg-bin=pyrust=-static-pie");
    println!("cargo:rustc-link-arg-bin=pyrust=-L{}", dir.display());
}

/// Where the C compiler (rustc's linker driver) finds the static library `name`: it prints a
/// full path for a library it has, and the bare name for one it does not.
fn static_library(name: &str) -> Option<PathBuf> {
    let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let Ok(output) = Command::new(compiler)
        .arg(format!("-print-file-name={name}"))
        .output()
    else {
        return None;
    };
    let path = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    (output.status.success() && path.is_absolute() && path.exists()).then_some(path)
}
