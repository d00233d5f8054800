//! `mailshift-sandbox`: a stand-in for OVHcloud's email API on this machine.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use mailshift_sandbox::{Application, Config, start};

/// The demo application: shown to people trying Mailshift against the sandbox, so not secret.
const DEMO_APPLICATION: (&str, &str) = ("sandboxDemoAppKey", "sandboxDemoAppSecretNotForRealUse");
/// The demo account that logs in on the validation page.
const DEMO_ACCOUNT: (&str, &str) = ("demo-sandbox", "sandbox");

/// Serve a stand-in for OVHcloud's email API.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address and port to listen on; port 0 picks a free one.
    #[arg(
        long,
        env = "MAILSHIFT_SANDBOX_LISTEN",
        default_value = "127.0.0.1:8081"
    )]
    listen: SocketAddr,

    /// The origin clients sign for, when it is not the listening address (behind a proxy).
    #[arg(long, env = "MAILSHIFT_SANDBOX_PUBLIC_ORIGIN")]
    public_origin: Option<String>,

    /// An application as KEY:SECRET (repeatable); without any, the demo application.
    #[arg(
        long = "application",
        env = "MAILSHIFT_SANDBOX_APPLICATIONS",
        value_delimiter = ','
    )]
    applications: Vec<String>,

    /// An account for the validation page as LOGIN:PASSWORD (repeatable); without any, the
    /// demo account.
    #[arg(
        long = "account",
        env = "MAILSHIFT_SANDBOX_ACCOUNTS",
        value_delimiter = ','
    )]
    accounts: Vec<String>,
}

fn pairs(
    values: &[String],
    what: &str,
    default: (&str, &str),
) -> Result<Vec<(String, String)>, String> {
    if values.is_empty() {
        return Ok(vec![(default.0.to_owned(), default.1.to_owned())]);
    }
    values
        .iter()
        .map(|v| {
            v.split_once(':')
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .ok_or_else(|| format!("{what} must be written A:B, got {v:?}"))
        })
        .collect()
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let parsed = pairs(&args.applications, "--application", DEMO_APPLICATION)
        .and_then(|apps| Ok((apps, pairs(&args.accounts, "--account", DEMO_ACCOUNT)?)));
    let (applications, accounts) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let demo = args.applications.is_empty();
    let config = Config {
        listen: args.listen,
        public_origin: args.public_origin,
        applications: applications
            .into_iter()
            .zip(1..)
            .map(|((key, secret), id)| Application {
                id,
                name: if demo {
                    "Mailshift demo".to_owned()
                } else {
                    format!("Application {id}")
                },
                key,
                secret,
            })
            .collect(),
        accounts: accounts.clone(),
    };
    let running = match start(config).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("Mailshift sandbox API at {}", running.base_url());
    if demo {
        println!("  demo application key: {}", DEMO_APPLICATION.0);
        println!("  demo application secret: {}", DEMO_APPLICATION.1);
    }
    if args.accounts.is_empty() {
        println!(
            "  validation page login: {} / {}",
            DEMO_ACCOUNT.0, DEMO_ACCOUNT.1
        );
    }
    let _ = tokio::signal::ctrl_c().await;
    running.stop().await;
    ExitCode::SUCCESS
}
