//! The proxy binary as a process, for the tests that drive it from outside: started on a free
//! port with an empty app, its output collected as it comes (a busy proxy logs a line per call
//! and must never block on a full pipe), and stopped with SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

/// A running proxy and what it has printed so far.
pub struct Running {
    /// The process.
    pub child: Child,
    output: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
}

/// Starts the proxy binary forwarding `sandbox` to `/api/sandbox`, with `extra` flags; returns
/// it with the URL it printed and its app folder.
pub fn proxy(sandbox: &str, extra: &[&str]) -> (Running, String, tempfile::TempDir) {
    let app = tempfile::tempdir().expect("app dir");
    std::fs::write(app.path().join("index.html"), "<!doctype html>").expect("index");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailshift-proxy"))
        .args(["--listen", "127.0.0.1:0", "--sandbox", sandbox, "--app-dir"])
        .arg(app.path())
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the proxy starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a first line");
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("the URL")
        .trim_end_matches('/')
        .to_owned();
    let output = Arc::new(Mutex::new(first));
    let stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let readers = vec![collect(stdout, &output), collect(stderr, &output)];
    let running = Running {
        child,
        output,
        readers,
    };
    (running, url, app)
}

/// Appends every line `reader` gives to `into`, on a thread of its own.
fn collect(reader: impl BufRead + Send + 'static, into: &Arc<Mutex<String>>) -> JoinHandle<()> {
    let into = Arc::clone(into);
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            let mut output = into.lock().unwrap_or_else(PoisonError::into_inner);
            output.push_str(&line);
            output.push('\n');
        }
    })
}

/// Stops the proxy with SIGTERM and returns its exit success and everything it printed.
pub fn stop(mut running: Running) -> (bool, String) {
    let pid = running.child.id().to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    let status = running.child.wait().expect("exit");
    for reader in running.readers {
        let _ = reader.join();
    }
    let output = running
        .output
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    (status.success(), output)
}
