//! `mailshift-sandbox`: a stand-in for OVHcloud's email API on this machine.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use mailshift_ovh::Method;
use mailshift_ovh::models::auth::AccessRule;
use mailshift_sandbox::{Application, Config, DemoKeys, Faults, Latency, Scenario, start};

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

    /// Multiplies how long tasks take: 1 is a believable pace (seconds), 0 finishes them at
    /// once.
    #[arg(long, env = "MAILSHIFT_SANDBOX_TIME_SCALE", default_value_t = 1.0)]
    time_scale: f64,

    /// Seed of the fault draws, so a run can be repeated.
    #[arg(long, env = "MAILSHIFT_SANDBOX_SEED", default_value_t = 0)]
    seed: u64,

    /// Share of API calls answered with a 500 or 503 (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    server_error_rate: f64,

    /// Every this many API calls, a burst of 429 starts (0: never).
    #[arg(long, default_value_t = 0)]
    rate_limit_every: u32,

    /// How many calls a burst of 429 lasts.
    #[arg(long, default_value_t = 3)]
    rate_limit_burst: u32,

    /// Share of API calls whose connection is dropped (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,

    /// Share of API calls answered slowly (0 to 1), after `--slow-ms`.
    #[arg(long, default_value_t = 0.0)]
    slow_rate: f64,

    /// How slow a slow answer is, in milliseconds.
    #[arg(long, default_value_t = 5_000)]
    slow_ms: u64,

    /// Share of tasks that end in error (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    task_error_rate: f64,

    /// How far the sandbox's clock is from the real one, in seconds.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    clock_skew: i64,

    /// A scenario file (JSON) to start from; without one, the demo company.
    #[arg(long, env = "MAILSHIFT_SANDBOX_SCENARIO")]
    scenario: Option<std::path::PathBuf>,
}

fn scenario(path: Option<&std::path::Path>) -> Result<Scenario, String> {
    match path {
        None => Ok(Scenario::demo()),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Scenario::from_json(&text)
        }
    }
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
    let parsed = parsed
        .and_then(|(apps, accounts)| Ok((apps, accounts, scenario(args.scenario.as_deref())?)));
    let (applications, accounts, scenario) = match parsed {
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
        accounts,
        scenario,
        latency: Latency::scaled(args.time_scale),
        faults: Faults {
            seed: args.seed,
            server_error_rate: args.server_error_rate,
            rate_limit_every: args.rate_limit_every,
            rate_limit_burst: args.rate_limit_burst,
            drop_rate: args.drop_rate,
            slow_rate: args.slow_rate,
            slow_ms: args.slow_ms,
            task_error_rate: args.task_error_rate,
            clock_skew_s: args.clock_skew,
        },
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
        // A ready consumer key with every right on the email products, valid for a day.
        let rules = ["GET", "POST", "PUT", "DELETE"]
            .into_iter()
            .filter_map(|m| serde_json::from_value::<Method>(serde_json::json!(m)).ok())
            .flat_map(|method| {
                ["/email/*", "/auth/*"].map(|path| AccessRule {
                    method,
                    path: path.to_owned(),
                })
            })
            .collect();
        match running.validated_key(DEMO_APPLICATION.0, rules, Some(86_400)) {
            Ok(key) => {
                println!("  demo consumer key (all email rights, 24 h): {key}");
                running.publish_demo(DemoKeys {
                    application_key: DEMO_APPLICATION.0.to_owned(),
                    application_secret: DEMO_APPLICATION.1.to_owned(),
                    consumer_key: key,
                    login: (DEMO_ACCOUNT.0.to_owned(), DEMO_ACCOUNT.1.to_owned()),
                });
            }
            Err(refusal) => eprintln!("warning: no demo consumer key: {}", refusal.body),
        }
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
