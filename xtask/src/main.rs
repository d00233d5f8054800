//! Mailshift's two commands.
//!
//! `cargo xtask run` installs what is missing, builds the release app and serves it;
//! `cargo xtask test` installs what is missing and runs every test layer.

mod bench;
mod counts;
mod layers;
mod layout;
mod precompress;
mod process;
mod signature_server;
mod tools;
mod workspace;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::workspace::Workspace;

/// Mailshift's build, run and test commands.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Install what is missing, build the release app and serve it; prints the URL to open.
    Run {
        /// Extra flags for the server, after `--` (for example `-- --listen 127.0.0.1:9000`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        server_args: Vec<String>,
    },
    /// Install what is missing and run every test layer, with one summary line per layer.
    Test,
    /// Measure the migration engine against the sandbox (wall time, calls per account, the
    /// window in which an address exists nowhere, planning time), then what the proxy adds
    /// (latency, throughput, memory) against direct calls and cors-anywhere, on loopback, each
    /// figure with its budget.
    Bench,
}

/// Where the run command's sandbox listens unless `MAILSHIFT_SANDBOX_LISTEN` says otherwise.
const SANDBOX_LISTEN: &str = "127.0.0.1:8081";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = Workspace::locate().and_then(|workspace| match cli.command {
        Command::Run { server_args } => run(&workspace, &server_args),
        Command::Test => layers::run_all(&workspace),
        Command::Bench => bench::all(&workspace),
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(workspace: &Workspace, server_args: &[String]) -> anyhow::Result<ExitCode> {
    tools::ensure_for_build(workspace)?;
    workspace.build_app()?;
    let servers = workspace.build_servers()?;
    // Flags of the sandbox come from its MAILSHIFT_SANDBOX_* environment variables.
    let sandbox_listen =
        std::env::var("MAILSHIFT_SANDBOX_LISTEN").unwrap_or_else(|_| SANDBOX_LISTEN.to_owned());
    eprintln!("xtask: starting the OVH API sandbox with the demo company on {sandbox_listen}");
    let mut sandbox = workspace
        .command(&servers.sandbox)
        .args(["--listen", &sandbox_listen])
        .spawn()?;
    eprintln!("xtask: starting the server; open the URL it prints");
    let status = workspace
        .command(&servers.proxy)
        .arg("--app-dir")
        .arg(workspace.dist_dir())
        .args(["--sandbox", &format!("http://{sandbox_listen}")])
        .args(server_args)
        .status();
    // The sandbox lives as long as the server; Ctrl-C has usually stopped it already.
    let _ = sandbox.kill();
    let _ = sandbox.wait();
    Ok(if status?.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
