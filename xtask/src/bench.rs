//! `cargo xtask bench`: what the proxy adds, measured on loopback against a local upstream (the
//! sandbox's `/auth/time`), directly, through the proxy, and through cors-anywhere, with the
//! proxy's peak memory. Every loop is bounded in count; nothing leaves this machine.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::tools;
use crate::workspace::Workspace;

/// Requests timed one after another on one connection, per target.
const SEQUENTIAL: usize = 2_000;
/// Connections for the throughput run, and requests on each.
const CONNECTIONS: usize = 8;
const PER_CONNECTION: usize = 1_000;

/// What the proxy is held to.
const BUDGET_ADDED_P50_MS: f64 = 1.0;
const BUDGET_ADDED_P99_MS: f64 = 5.0;
const BUDGET_RPS_SHARE: f64 = 0.5;
const BUDGET_PEAK_MIB: f64 = 64.0;

/// A child process stopped when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs both benchmarks, the migration engine's and the proxy's; fails if a figure is over
/// its budget in either.
pub fn all(workspace: &Workspace) -> anyhow::Result<ExitCode> {
    let engine = engine(workspace)?;
    let proxy = proxy(workspace)?;
    Ok(if engine == ExitCode::SUCCESS {
        proxy
    } else {
        engine
    })
}

/// The migration engine against the sandbox, its latency model and the rate limit scaled
/// (`crates/migrate/examples/bench.rs`), built for speed like the servers.
fn engine(workspace: &Workspace) -> anyhow::Result<ExitCode> {
    let status = workspace
        .command("cargo")
        .args([
            "run",
            "--quiet",
            "--profile",
            "server",
            "--package",
            "mailshift-migrate",
            "--example",
            "bench",
        ])
        .status()
        .context("cannot run the engine's benchmark")?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Runs the proxy's benchmark and prints each figure with its budget; fails if one is over.
fn proxy(workspace: &Workspace) -> anyhow::Result<ExitCode> {
    tools::ensure_for_build(workspace)?;
    let servers = workspace.build_servers()?;

    let (sandbox, sandbox_line) = start(
        workspace
            .command(&servers.sandbox)
            .args(["--listen", "127.0.0.1:0"]),
        "sandbox API at",
    )?;
    let upstream = address_in(&sandbox_line)?;
    let (proxy, proxy_line) = start(
        workspace.command(&servers.proxy).args([
            "--listen",
            "127.0.0.1:0",
            "--app-dir",
            &workspace.dist_dir().to_string_lossy(),
            "--sandbox",
            &format!("http://{upstream}"),
        ]),
        "running at",
    )?;
    let through_proxy = address_in(&proxy_line)?;
    let (cors, cors_line) = start(
        workspace
            .command("node")
            .arg(workspace.npm_dir().join("bench").join("cors-anywhere.cjs")),
        "listening on",
    )?;
    let cors_port = cors_line
        .split_whitespace()
        .last()
        .context("cors-anywhere printed no port")?;
    let through_cors = format!("127.0.0.1:{cors_port}");

    let targets = [
        ("direct", upstream.clone(), "/1.0/auth/time".to_owned()),
        (
            "proxy",
            through_proxy,
            "/api/sandbox/1.0/auth/time".to_owned(),
        ),
        (
            "cors-anywhere",
            through_cors,
            format!("/http://{upstream}/1.0/auth/time"),
        ),
    ];
    let mut results = Vec::new();
    for (name, address, path) in &targets {
        let latencies = sequential(address, path)?;
        let rps = throughput(address, path)?;
        let (p50, p99) = (percentile(&latencies, 50.0), percentile(&latencies, 99.0));
        println!("{name:>13}: p50 {p50:.3} ms, p99 {p99:.3} ms, {rps:.0} requests/s");
        results.push((p50, p99, rps));
    }
    let peak_mib = peak_memory_mib(proxy.0.id())?;
    drop((sandbox, proxy, cors));

    let (direct, proxied, reference) = (results[0], results[1], results[2]);
    let added_p50 = proxied.0 - direct.0;
    let added_p99 = proxied.1 - direct.1;
    let share = proxied.2 / direct.2;
    println!();
    println!(
        "proxy vs cors-anywhere: latency p50 x{:.2}, p99 x{:.2}, throughput x{:.2}",
        proxied.0 / reference.0,
        proxied.1 / reference.1,
        proxied.2 / reference.2
    );
    let checks = [
        (
            format!("added latency p50 {added_p50:.3} ms"),
            format!("<= {BUDGET_ADDED_P50_MS} ms"),
            added_p50 <= BUDGET_ADDED_P50_MS,
        ),
        (
            format!("added latency p99 {added_p99:.3} ms"),
            format!("<= {BUDGET_ADDED_P99_MS} ms"),
            added_p99 <= BUDGET_ADDED_P99_MS,
        ),
        (
            format!("throughput {:.0}% of direct", share * 100.0),
            format!(">= {:.0}%", BUDGET_RPS_SHARE * 100.0),
            share >= BUDGET_RPS_SHARE,
        ),
        (
            format!("proxy peak memory {peak_mib:.1} MiB"),
            format!("<= {BUDGET_PEAK_MIB} MiB"),
            peak_mib <= BUDGET_PEAK_MIB,
        ),
    ];
    let mut ok = true;
    for (figure, budget, within) in &checks {
        ok &= *within;
        println!(
            "{figure} (budget {budget}): {}",
            if *within { "within" } else { "OVER" }
        );
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Starts a server and waits (30 s at most) for the line that says it listens.
fn start(command: &mut std::process::Command, marker: &str) -> anyhow::Result<(Running, String)> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting a server for the benchmark")?;
    let stdout = child.stdout.take().context("no standard output")?;
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let running = Running(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match receiver.recv_timeout(left) {
            Ok(line) if line.contains(marker) => return Ok((running, line)),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    bail!("a server did not say {marker:?} within 30 s")
}

/// `127.0.0.1:PORT` from a line holding `http://127.0.0.1:PORT/...`.
fn address_in(line: &str) -> anyhow::Result<String> {
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .with_context(|| format!("no URL in {line:?}"))?;
    let rest = url.trim_start_matches("http://");
    Ok(rest.split('/').next().unwrap_or(rest).to_owned())
}

/// One keep-alive HTTP/1.1 connection that sends GETs and reads whole answers (sized or
/// chunked), reconnecting when the server says it closes.
struct Connection {
    address: String,
    reader: BufReader<TcpStream>,
}

impl Connection {
    fn open(address: &str) -> anyhow::Result<Self> {
        Ok(Self {
            address: address.to_owned(),
            reader: BufReader::new(Self::connect(address)?),
        })
    }

    fn connect(address: &str) -> anyhow::Result<TcpStream> {
        let stream =
            TcpStream::connect(address).with_context(|| format!("connecting to {address}"))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        Ok(stream)
    }

    fn get(&mut self, path: &str) -> anyhow::Result<()> {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\nAccept: application/json\r\n\r\n"
        );
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut status = String::new();
        self.reader.read_line(&mut status)?;
        if !status.starts_with("HTTP/1.1 200") {
            bail!("{path} answered {:?}", status.trim());
        }
        let (mut length, mut chunked, mut close) = (0, false, false);
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse().unwrap_or(0);
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.eq_ignore_ascii_case("chunked");
            } else if name.eq_ignore_ascii_case("connection") {
                close = value.eq_ignore_ascii_case("close");
            }
        }
        if chunked {
            loop {
                let mut size = String::new();
                self.reader.read_line(&mut size)?;
                let size = usize::from_str_radix(size.trim(), 16).context("a chunk size")?;
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk)?;
                if size == 0 {
                    break;
                }
            }
        } else {
            let mut body = vec![0; length];
            self.reader.read_exact(&mut body)?;
        }
        // A server that closes after each answer gets a new connection for the next one.
        if close {
            self.reader = BufReader::new(Self::connect(&self.address)?);
        }
        Ok(())
    }
}

/// Milliseconds of each request, one after another on one connection, after a warm-up.
fn sequential(address: &str, path: &str) -> anyhow::Result<Vec<f64>> {
    let mut connection = Connection::open(address)?;
    for _ in 0..200 {
        connection.get(path)?;
    }
    let mut latencies = Vec::with_capacity(SEQUENTIAL);
    for _ in 0..SEQUENTIAL {
        let started = Instant::now();
        connection.get(path)?;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    Ok(latencies)
}

/// Requests per second over several connections at once.
fn throughput(address: &str, path: &str) -> anyhow::Result<f64> {
    let started = Instant::now();
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (address, path) = (address.to_owned(), path.to_owned());
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut connection = Connection::open(&address)?;
                for _ in 0..PER_CONNECTION {
                    connection.get(&path)?;
                }
                Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker
            .join()
            .map_err(|_| anyhow::anyhow!("a load thread panicked"))??;
    }
    Ok((CONNECTIONS * PER_CONNECTION) as f64 / started.elapsed().as_secs_f64())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// The process's peak resident memory (`VmHWM`), in MiB.
fn peak_memory_mib(pid: u32) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .context("reading the proxy's memory")?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("no VmHWM line")?;
    Ok(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_of_sorted_samples() {
        let samples: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&samples, 50.0), 51.0);
        assert_eq!(percentile(&samples, 99.0), 99.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }

    #[test]
    fn finds_the_address_in_a_server_line() {
        let line = "Mailshift sandbox API at http://127.0.0.1:40123/1.0";
        assert_eq!(address_in(line).expect("address"), "127.0.0.1:40123");
        assert!(address_in("no url here").is_err());
    }
}
