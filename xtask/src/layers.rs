//! The test layers `cargo xtask test` runs, and their summary.

use std::process::ExitCode;
use std::time::Instant;

use crate::counts::{self, Counts};
use crate::precompress::Report;
use crate::process::{describe, run_tee};
use crate::signature_server::SignatureServer;
use crate::tools::{self, Browser};
use crate::workspace::Workspace;

/// How one layer ended.
enum Outcome {
    /// A check with no test count (formatting, lints).
    Clean,
    /// Tests ran; the counts say how they went.
    Tests(Counts),
    /// The layer could not run or its tool failed, with why.
    Broken(String),
}

/// A test layer: runs, and says how it ended.
type Layer = fn(&Workspace, &Browser) -> Outcome;

/// Runs every layer, prints one summary line each, and fails if any layer failed or ran no test.
pub fn run_all(workspace: &Workspace) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let browser = tools::ensure_for_tests(workspace)?;

    let layers: [(&str, Layer); 5] = [
        ("fmt", fmt),
        ("clippy", clippy),
        ("native", native),
        ("browser", browser_tests),
        ("e2e", end_to_end),
    ];
    let mut results = Vec::new();
    for (name, layer) in layers {
        eprintln!("\nxtask: ── layer {name} ──");
        let layer_started = Instant::now();
        let outcome = layer(workspace, &browser);
        results.push((name, outcome, layer_started.elapsed()));
    }

    println!("\n── test summary ({:.0?}) ──", started.elapsed());
    let mut total = Counts::default();
    let mut ok = true;
    for (name, outcome, took) in &results {
        match outcome {
            Outcome::Clean => println!("{name}: clean ({took:.0?})"),
            Outcome::Tests(counts) if !counts.ran_any() => {
                ok = false;
                println!("{name}: FAILED, ran no test ({took:.0?})");
            }
            Outcome::Tests(counts) => {
                ok &= counts.failed == 0;
                total += *counts;
                println!("{name}: {counts} ({took:.0?})");
            }
            Outcome::Broken(why) => {
                ok = false;
                println!("{name}: FAILED, {why} ({took:.0?})");
            }
        }
    }
    println!("total: {total}");
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn fmt(workspace: &Workspace, _: &Browser) -> Outcome {
    check(
        workspace
            .command("cargo")
            .args(["fmt", "--all", "--", "--check"]),
    )
}

/// Lints natively (every crate and target) and for wasm32 (the app as browsers run it, and
/// the migration engine the app will run).
fn clippy(workspace: &Workspace, _: &Browser) -> Outcome {
    let native = check(workspace.command("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ]));
    if !matches!(native, Outcome::Clean) {
        return native;
    }
    let wasm = check(workspace.command("cargo").args([
        "clippy",
        "--package",
        "mailshift",
        "--package",
        "mailshift-ovh",
        "--package",
        "mailshift-wizard",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]));
    if !matches!(wasm, Outcome::Clean) {
        return wasm;
    }
    // Its tests and benchmark drive the sandbox natively; the library is what ships.
    check(workspace.command("cargo").args([
        "clippy",
        "--package",
        "mailshift-migrate",
        "--target",
        "wasm32-unknown-unknown",
        "--lib",
        "--",
        "-D",
        "warnings",
    ]))
}

fn native(workspace: &Workspace, _: &Browser) -> Outcome {
    tests(
        workspace
            .command("cargo")
            .args(["test", "--workspace", "--all-features"]),
        counts::from_libtest,
    )
}

/// The packages with browser tests, and which of their test targets run in the browser.
const BROWSER_SUITES: [(&str, &str); 2] = [("mailshift", "*"), ("mailshift-ovh", "browser")];

/// wasm-bindgen-test suites in headless Chromium through chromedriver; the OVH client's suite
/// signs requests for a local server that checks them.
fn browser_tests(workspace: &Workspace, browser: &Browser) -> Outcome {
    let scratch = match Scratch::new(workspace) {
        Ok(scratch) => scratch,
        Err(error) => return Outcome::Broken(format!("{error:#}")),
    };
    let server = match SignatureServer::start() {
        Ok(server) => server,
        Err(error) => return Outcome::Broken(format!("{error:#}")),
    };
    let mut total = Counts::default();
    for (package, test) in BROWSER_SUITES {
        let outcome = tests(
            workspace
                .command("cargo")
                .args([
                    "test",
                    "--package",
                    package,
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .args(["--test", test])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                )
                .env("CHROMEDRIVER", &browser.chromedriver)
                .env(
                    "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                    workspace.root().join("webdriver.json"),
                )
                .env("MAILSHIFT_SIGNATURE_SERVER", server.url())
                .env("TMPDIR", scratch.path()),
            counts::from_libtest,
        );
        match outcome {
            Outcome::Tests(counts) if counts.ran_any() => total += counts,
            Outcome::Tests(_) => {
                return Outcome::Broken(format!("{package} ran no browser test"));
            }
            other => return other,
        }
    }
    Outcome::Tests(total)
}

/// Builds and serves the release app as `cargo xtask run` does, then drives it with Playwright;
/// fails too if the built app breaks its size budget.
fn end_to_end(workspace: &Workspace, browser: &Browser) -> Outcome {
    let sizes = match workspace.build_app() {
        Ok(sizes) => sizes,
        Err(error) => return Outcome::Broken(format!("{error:#}")),
    };
    let servers = match workspace.build_servers() {
        Ok(servers) => servers,
        Err(error) => return Outcome::Broken(format!("{error:#}")),
    };
    let scratch = match Scratch::new(workspace) {
        Ok(scratch) => scratch,
        Err(error) => return Outcome::Broken(format!("{error:#}")),
    };
    let screenshots = workspace.target_dir().join("screenshots");
    let outcome = tests(
        workspace
            .command("node")
            .args(["--test", "--test-reporter=spec", "end2end/tests/"])
            .env("MAILSHIFT_SERVER", servers.proxy)
            .env("MAILSHIFT_SANDBOX", servers.sandbox)
            .env("MAILSHIFT_APP_DIR", workspace.dist_dir())
            .env("MAILSHIFT_CHROMIUM", &browser.chromium)
            .env("MAILSHIFT_SCREENSHOTS", screenshots)
            .env("TMPDIR", scratch.path()),
        counts::from_node_test,
    );
    match (outcome, Report(&sizes).over_budget()) {
        (Outcome::Tests(counts), Some(why)) => Outcome::Broken(format!("{counts}; but {why}")),
        (outcome, _) => outcome,
    }
}

/// A temporary folder for one layer's browsers, removed with everything in it when dropped.
///
/// chromedriver's Chromium keeps its profile (tens of MB) in the temporary folder and, stopped
/// by the test runner, never removes it: pointed at `/tmp`, every run would leave some there.
struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new(workspace: &Workspace) -> anyhow::Result<Self> {
        let parent = workspace.target_dir();
        std::fs::create_dir_all(&parent)?;
        let dir = tempfile::Builder::new()
            .prefix("browser-tmp-")
            .tempdir_in(&parent)
            .map_err(|error| {
                anyhow::anyhow!("cannot make a folder in {}: {error}", parent.display())
            })?;
        Ok(Self(dir))
    }

    fn path(&self) -> &std::path::Path {
        self.0.path()
    }
}

fn check(command: &mut std::process::Command) -> Outcome {
    match command.status() {
        Ok(status) if status.success() => Outcome::Clean,
        Ok(status) => Outcome::Broken(format!("{} exited with {status}", describe(command))),
        Err(error) => Outcome::Broken(format!("cannot start {}: {error}", describe(command))),
    }
}

fn tests(command: &mut std::process::Command, parse: fn(&str) -> Counts) -> Outcome {
    match run_tee(command) {
        Ok((status, output)) => {
            let counts = parse(&output);
            if !status.success() && counts.failed == 0 {
                Outcome::Broken(format!("{} exited with {status}", describe(command)))
            } else {
                Outcome::Tests(counts)
            }
        }
        Err(error) => Outcome::Broken(format!("{error:#}")),
    }
}
