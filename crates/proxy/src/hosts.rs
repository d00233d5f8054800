//! Which host names the proxy answers to.
//!
//! A page on a foreign name that its owner points at the proxy's address (DNS rebinding) sends
//! that name as `Host` and as its `Origin`, and the two agree: "same origin as the proxy" cannot
//! be judged from `Host` alone. So the proxy answers only when `Host` is a name it is meant to
//! be reached by: `localhost`, an IP address (a page cannot rebind an address, only a name), or
//! a name its operator adds with `--allow-host`, for a proxy behind a real domain. Every other
//! request is refused before it reaches a route, the app's files included.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The host names the proxy answers to besides `localhost` and IP addresses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hosts {
    names: Vec<String>,
}

impl Hosts {
    /// Answers to these names too (e.g. `mailshift.example.com`), with or without a port.
    pub fn new(names: Vec<String>) -> Self {
        Self {
            names: names
                .iter()
                .map(|n| without_final_dot(name_of(n)).to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether a request whose `Host` header (or HTTP/2 authority) is `host` is for this proxy.
    pub fn allows(&self, host: &str) -> bool {
        let name = name_of(host);
        if name.starts_with('[') {
            return name.ends_with(']')
                && name[1..name.len() - 1]
                    .parse::<std::net::Ipv6Addr>()
                    .is_ok();
        }
        let name = without_final_dot(name);
        name.eq_ignore_ascii_case("localhost")
            || name.parse::<std::net::Ipv4Addr>().is_ok()
            || self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }
}

/// The host part of `host[:port]`, brackets kept around an IPv6 address.
fn name_of(host: &str) -> &str {
    let host = host.trim();
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// The name without the final dot a fully qualified name may carry.
fn without_final_dot(name: &str) -> &str {
    name.strip_suffix('.').unwrap_or(name)
}

/// Middleware: refuses, with 421 and a log line naming the flag, a request for a foreign host.
pub async fn refuse_foreign_hosts(
    State(hosts): State<Arc<Hosts>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()))
        .unwrap_or_default();
    if hosts.allows(host) {
        return next.run(request).await;
    }
    // The name comes from the client: quoted and cut short, it cannot forge log lines.
    let shown: String = name_of(host).chars().take(100).collect();
    eprintln!(
        "refused a request for host {shown:?}: this proxy answers to localhost, IP addresses and names given with --allow-host (add --allow-host {shown} if that name is yours)"
    );
    (
        StatusCode::MISDIRECTED_REQUEST,
        format!(
            "This Mailshift proxy does not answer to the name {shown:?}. If that name is yours, restart the proxy with --allow-host {shown}."
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_addresses_and_named_hosts_only() {
        let hosts = Hosts::new(vec!["Mailshift.Example.com:443".into()]);
        for allowed in [
            "localhost",
            "localhost:8080",
            "LOCALHOST.",
            "127.0.0.1:8080",
            "192.168.1.20:8080",
            "[::1]:8080",
            "[fe80::1]",
            "mailshift.example.com",
            "mailshift.example.com:8443",
            "mailshift.example.com.",
        ] {
            assert!(hosts.allows(allowed), "{allowed}");
        }
        for refused in [
            "",
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "mailshift.example.com.evil.example",
            "[::1",
            "[evil]:80",
            "127.0.0.1:80:80",
            "x",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
    }
}
