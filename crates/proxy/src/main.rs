//! `mailshift-proxy`: serves the Mailshift web app and forwards its calls to OVHcloud.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use std::time::Duration;

use mailshift_proxy::cors::Origins;
use mailshift_proxy::forward::Timeouts;
use mailshift_proxy::hosts::Hosts;
use mailshift_proxy::page_headers::PageHeaders;
use mailshift_proxy::serve::serve;
use mailshift_proxy::upstream::Upstreams;
use mailshift_proxy::{Config, router};
use tokio::net::TcpListener;

/// Serve the Mailshift web app and forward its signed calls to OVHcloud's API.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address and port to listen on; port 0 picks a free one.
    #[arg(long, env = "MAILSHIFT_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,

    /// Folder of the built web app (the output of `trunk build --release`).
    #[arg(long, env = "MAILSHIFT_APP_DIR", default_value = "dist")]
    app_dir: PathBuf,

    /// Also forward `/api/sandbox/...` to this OVH API sandbox origin (e.g.
    /// `http://127.0.0.1:8081`); without it, only OVHcloud's own API hosts are reachable.
    #[arg(long, env = "MAILSHIFT_SANDBOX_URL")]
    sandbox: Option<String>,

    /// Another origin whose pages may use this proxy (repeatable); its own origin and loopback
    /// pages always may.
    #[arg(
        long = "allow-origin",
        env = "MAILSHIFT_ALLOW_ORIGINS",
        value_delimiter = ','
    )]
    allow_origins: Vec<String>,

    /// A host name this proxy is reached by besides localhost and IP addresses (repeatable),
    /// for a proxy behind a domain; requests for any other name are refused (DNS rebinding).
    #[arg(
        long = "allow-host",
        env = "MAILSHIFT_ALLOW_HOSTS",
        value_delimiter = ','
    )]
    allow_hosts: Vec<String>,

    /// Print the security headers (and their `<meta>` form) for the app in `--app-dir`, for a
    /// static host to copy, then exit.
    #[arg(long)]
    print_headers: bool,

    /// Seconds to wait for a whole answer from OVHcloud.
    #[arg(long, env = "MAILSHIFT_UPSTREAM_TIMEOUT", default_value_t = 180)]
    upstream_timeout: u64,

    /// The most calls forwarded at once; more get 503 with `Retry-After`.
    #[arg(long, env = "MAILSHIFT_MAX_IN_FLIGHT", default_value_t = 64)]
    max_in_flight: usize,

    /// Seconds to wait for a client's request body.
    #[arg(long, env = "MAILSHIFT_CLIENT_TIMEOUT", default_value_t = 30)]
    client_timeout: u64,

    /// Seconds a client may take to send a request's headers (and an idle connection may stay
    /// open); slower connections are closed.
    #[arg(long, env = "MAILSHIFT_HEADER_TIMEOUT", default_value_t = 10)]
    header_timeout: u64,

    /// Seconds to wait for a connection to OVHcloud.
    #[arg(long, env = "MAILSHIFT_CONNECT_TIMEOUT", default_value_t = 10)]
    connect_timeout: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if !args.app_dir.join("index.html").is_file() {
        eprintln!(
            "error: {} has no index.html; build the app first (cargo xtask run does) or pass --app-dir",
            args.app_dir.display()
        );
        return ExitCode::FAILURE;
    }
    if args.print_headers {
        return match PageHeaders::for_app(&args.app_dir) {
            Ok(page) => {
                for (name, value) in page.headers() {
                    println!("{name}: {value}");
                }
                println!("\n{}", page.meta_tags());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        };
    }
    let listener = match TcpListener::bind(args.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "error: cannot listen on {}: {error}; pass --listen 127.0.0.1:PORT to use another port",
                args.listen
            );
            return ExitCode::FAILURE;
        }
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(error) => {
            eprintln!("error: cannot read the listening address: {error}");
            return ExitCode::FAILURE;
        }
    };
    let app = match router(&Config {
        app_dir: args.app_dir,
        upstreams: Upstreams::new(args.sandbox.as_deref()),
        origins: Origins::new(args.allow_origins),
        hosts: Hosts::new(args.allow_hosts),
        timeouts: Timeouts {
            connect: Duration::from_secs(args.connect_timeout),
            total: Duration::from_secs(args.upstream_timeout),
            client_body: Duration::from_secs(args.client_timeout),
        },
        max_in_flight: args.max_in_flight,
    }) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("Mailshift is running at http://{address}/ (press Ctrl-C to stop)");
    serve(
        listener,
        app,
        Duration::from_secs(args.header_timeout),
        shutdown_signal(),
    )
    .await;
    ExitCode::SUCCESS
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
