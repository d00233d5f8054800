//! Which web pages may use the proxy: its own origin, loopback pages, and origins the operator
//! adds. Everything else is refused before anything reaches OVHcloud, so a random page cannot
//! drive a proxy running on someone's machine.

/// The origins allowed besides the proxy's own and loopback ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origins {
    extra: Vec<String>,
}

impl Origins {
    /// Allows these origins too (e.g. `https://mailshift.example.com`).
    pub fn new(extra: Vec<String>) -> Self {
        Self {
            extra: extra
                .into_iter()
                .map(|o| o.trim_end_matches('/').to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether a page from `origin` may call the proxy reached as `host` (the `Host` header).
    pub fn allows(&self, origin: &str, host: Option<&str>) -> bool {
        let origin = origin.trim_end_matches('/').to_ascii_lowercase();
        if self.extra.contains(&origin) {
            return true;
        }
        let Some(authority) = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
        else {
            return false;
        };
        if host.is_some_and(|h| h.eq_ignore_ascii_case(authority)) {
            return true;
        }
        let name = match authority.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => authority,
        };
        matches!(name, "localhost" | "127.0.0.1" | "[::1]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_origin_loopback_and_named_origins_only() {
        let origins = Origins::new(vec!["https://mailshift.example.com/".into()]);
        let host = Some("proxy.example.net:8443");
        assert!(origins.allows("https://proxy.example.net:8443", host));
        assert!(origins.allows("http://127.0.0.1:8080", host));
        assert!(origins.allows("http://localhost:3000", host));
        assert!(origins.allows("http://[::1]:8080", host));
        assert!(origins.allows("https://MAILSHIFT.example.com", host));
        assert!(!origins.allows("https://evil.example", host));
        assert!(!origins.allows("http://127.0.0.1.evil.example", host));
        assert!(!origins.allows("http://localhost.evil.example:80", host));
        assert!(!origins.allows("null", host));
        assert!(
            !origins.allows("https://proxy.example.net", host),
            "the port is part of the origin"
        );
    }
}
