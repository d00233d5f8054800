//! The proxy binary under a bounded load on loopback: many more concurrent callers than
//! `--max-in-flight` allows, against the sandbox answering every call slowly. Every call must
//! get an answer (the sandbox's, or 503 with `Retry-After` beyond the cap), and the proxy's
//! memory must stay flat from one round of calls to the next.

use std::sync::Arc;

use mailshift_ovh::Method;
use mailshift_ovh::models::auth::AccessRule;
use mailshift_sandbox::{Faults, Latency, Scenario, start_with_key};

#[path = "support/proxy_binary.rs"]
mod proxy_binary;
use proxy_binary::{proxy, stop};

/// Callers at once, against a cap of `CAP` calls in flight.
const CALLERS: usize = 200;
const CAP: &str = "8";
/// Calls in each round, and rounds.
const CALLS: usize = 1_000;
const ROUNDS: usize = 5;
/// How much the proxy's resident memory may grow between the first round and the last.
const GROWTH_KIB: u64 = 8 * 1024;

/// The resident memory of a process, in KiB, as Linux reports it.
fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .expect("the proxy's status")
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// What a round of calls got back: (answered by the sandbox, refused over the cap).
async fn round(client: &reqwest::Client, url: &str) -> (usize, usize) {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let callers: Vec<_> = (0..CALLERS)
        .map(|_| {
            let (client, url, next) = (client.clone(), url.to_owned(), Arc::clone(&next));
            tokio::spawn(async move {
                let (mut answered, mut refused) = (0, 0);
                while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < CALLS {
                    let answer = client
                        .get(&url)
                        .send()
                        .await
                        .expect("every call is answered");
                    match answer.status().as_u16() {
                        200 => answered += 1,
                        503 => {
                            assert_eq!(
                                answer
                                    .headers()
                                    .get("retry-after")
                                    .and_then(|v| v.to_str().ok()),
                                Some("1")
                            );
                            refused += 1;
                        }
                        other => panic!("unexpected status {other}"),
                    }
                    let _ = answer.bytes().await.expect("the whole answer");
                }
                (answered, refused)
            })
        })
        .collect();
    let mut totals = (0, 0);
    for caller in callers {
        let (answered, refused) = caller.await.expect("a caller");
        totals.0 += answered;
        totals.1 += refused;
    }
    totals
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callers_past_the_cap_are_all_answered_and_memory_stays_flat() {
    let slow = Faults {
        slow_rate: 1.0,
        slow_ms: 20,
        ..Faults::default()
    };
    let rules = vec![AccessRule {
        method: Method::Get,
        path: "/*".into(),
    }];
    let (sandbox, _) = start_with_key(
        ("loadAK", "loadAS"),
        Scenario::demo(),
        Latency::scaled(0.0),
        slow,
        rules,
    )
    .await
    .expect("sandbox");
    let (running, proxy_url, _app) = proxy(
        &format!("http://{}", sandbox.address()),
        &["--max-in-flight", CAP],
    );
    let url = format!("{proxy_url}/api/sandbox/1.0/auth/time");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CALLERS)
        .build()
        .expect("client");

    let mut first_rss = 0;
    let (mut answered, mut refused) = (0, 0);
    for n in 0..ROUNDS {
        let (a, r) = round(&client, &url).await;
        assert_eq!(a + r, CALLS, "round {n}: every call got an answer");
        answered += a;
        refused += r;
        if n == 0 {
            first_rss = resident_kib(running.child.id());
        }
    }
    let last_rss = resident_kib(running.child.id());
    println!(
        "{} calls by {CALLERS} callers past a cap of {CAP}: {answered} answered, {refused} refused with Retry-After; proxy memory {first_rss} KiB after the first round, {last_rss} KiB after the last",
        CALLS * ROUNDS
    );
    assert!(
        answered > 0 && refused > 0,
        "the cap was reached: {answered} answered, {refused} refused"
    );
    assert!(
        last_rss <= first_rss + GROWTH_KIB,
        "memory grew from {first_rss} KiB after the first round to {last_rss} KiB after {ROUNDS}"
    );
    let after = client
        .get(&url)
        .send()
        .await
        .expect("an answer after the load");
    assert!(matches!(after.status().as_u16(), 200 | 503));
    let (stopped_cleanly, _) = stop(running);
    assert!(stopped_cleanly);
}
