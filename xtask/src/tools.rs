//! Installing what the commands need, skipping whatever is already there at the right version.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::process::{output_of, run_checked};
use crate::workspace::Workspace;

/// Trunk 0.22 needs a newer rustc than 1.95; 0.21.14 is the last release that builds here.
const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's packages; both come from the same Chromium build, so their versions always match.
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// Everything `cargo xtask run` needs to build the release app.
pub fn ensure_for_build(workspace: &Workspace) -> anyhow::Result<()> {
    ensure_wasm_target()?;
    ensure_trunk(workspace)?;
    ensure_wasm_bindgen(workspace)?;
    ensure_npm_packages(workspace)
}

/// Everything `cargo xtask test` needs: the build tools plus a browser and its driver.
pub fn ensure_for_tests(workspace: &Workspace) -> anyhow::Result<Browser> {
    ensure_for_build(workspace)?;
    ensure_browser()
}

/// Paths of the browser and its WebDriver.
pub struct Browser {
    /// The Chromium executable.
    pub chromium: PathBuf,
    /// The matching chromedriver.
    pub chromedriver: PathBuf,
}

fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .is_some_and(|list| list.lines().any(|line| line.trim() == WASM_TARGET));
    if installed {
        return Ok(());
    }
    eprintln!("xtask: installing the {WASM_TARGET} target");
    run_checked(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk(workspace: &Workspace) -> anyhow::Result<()> {
    if tool_version(workspace, "trunk").as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    eprintln!("xtask: installing trunk {TRUNK_VERSION} (about 8 minutes on 2 cores)");
    run_checked(Command::new("cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
    ]))
}

fn ensure_wasm_bindgen(workspace: &Workspace) -> anyhow::Result<()> {
    let wanted = locked_version(workspace, "wasm-bindgen")?;
    let have_cli = tool_version(workspace, "wasm-bindgen").as_deref() == Some(wanted.as_str());
    let have_runner =
        tool_version(workspace, "wasm-bindgen-test-runner").as_deref() == Some(wanted.as_str());
    if have_cli && have_runner {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {wanted} (about 4 minutes on 2 cores)");
    // Not `--locked`: its lockfile names a dependency version the registry no longer has.
    run_checked(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))
}

/// wasm-opt (npm `binaryen`), terser, Playwright (npm `playwright-core`) and axe-core, from the committed
/// lockfile.
fn ensure_npm_packages(workspace: &Workspace) -> anyhow::Result<()> {
    if output_of(Command::new("npm").arg("--version")).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    let dir = workspace.npm_dir();
    let lockfile = dir.join("package-lock.json");
    let installed = dir.join("node_modules").join(".package-lock.json");
    if is_newer_or_same(&installed, &lockfile) {
        return Ok(());
    }
    eprintln!(
        "xtask: installing npm packages (npm ci in {})",
        dir.display()
    );
    run_checked(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )
}

fn ensure_browser() -> anyhow::Result<Browser> {
    let browser = Browser {
        chromium: PathBuf::from(CHROMIUM),
        chromedriver: PathBuf::from(CHROMEDRIVER),
    };
    if !browser.chromium.is_file() || !browser.chromedriver.is_file() {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    Ok(browser)
}

fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    eprintln!("xtask: installing {} with apt-get", packages.join(" "));
    let as_root = output_of(Command::new("id").arg("-u")).is_some_and(|id| id.trim() == "0");
    let apt = |args: &[&str]| {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run_checked(&mut apt(&["update", "-q"]))?;
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(packages);
    run_checked(&mut install)
        .with_context(|| format!("install {} yourself, then run again", packages.join(" ")))
}

/// The version a tool on the tool `PATH` reports as `NAME X.Y.Z`, if it runs.
fn tool_version(workspace: &Workspace, name: &str) -> Option<String> {
    let output = output_of(workspace.command(name).arg("--version"))?;
    output
        .split_whitespace()
        .nth(1)
        .map(|v| v.trim_start_matches('v').to_owned())
}

/// The version of a package that `Cargo.lock` pins.
fn locked_version(workspace: &Workspace, package: &str) -> anyhow::Result<String> {
    let pkgid = output_of(workspace.command("cargo").args(["pkgid", package]))
        .with_context(|| format!("cargo cannot find {package} in Cargo.lock"))?;
    match pkgid.trim().rsplit_once('@') {
        Some((_, version)) if !version.is_empty() => Ok(version.to_owned()),
        _ => bail!("unexpected package id for {package}: {pkgid}"),
    }
}

fn is_newer_or_same(candidate: &Path, reference: &Path) -> bool {
    let modified = |path: &Path| fs::metadata(path).and_then(|m| m.modified()).ok();
    match (modified(candidate), modified(reference)) {
        (Some(candidate), Some(reference)) => candidate >= reference,
        _ => false,
    }
}
