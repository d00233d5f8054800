//! Where calls may go: OVHcloud's API hosts, and a sandbox only when the operator names one.
//! Nothing in a request can choose another host: the name in `/api/{name}/...` picks from this
//! list, and the rest of the path is appended to that fixed origin.

use std::collections::BTreeMap;

/// OVHcloud's public API origins.
const OVH: [(&str, &str); 3] = [
    ("ovh-eu", "https://eu.api.ovh.com"),
    ("ovh-ca", "https://ca.api.ovh.com"),
    ("ovh-us", "https://api.us.ovhcloud.com"),
];

/// The upstream names and their origins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upstreams(BTreeMap<String, String>);

/// Why a path cannot be forwarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// No upstream has this name.
    UnknownUpstream(String),
    /// The path has `.` or `..` segments, is empty, or holds a byte a URL library would encode
    /// or read as a separator (a space, a backslash, a quote, a non-ASCII byte...): OVHcloud's
    /// API has none of those, and rewriting them would change what was signed.
    BadPath,
    /// The path is not under `/api/`.
    NotProxied,
}

impl Upstreams {
    /// OVHcloud's three API origins, plus `sandbox` when given (e.g. `http://127.0.0.1:8081`).
    pub fn new(sandbox: Option<&str>) -> Self {
        let mut map: BTreeMap<String, String> = OVH
            .iter()
            .map(|(name, origin)| ((*name).to_owned(), (*origin).to_owned()))
            .collect();
        if let Some(origin) = sandbox {
            map.insert(
                "sandbox".to_owned(),
                origin.trim_end_matches('/').to_owned(),
            );
        }
        Self(map)
    }

    /// The names and origins, for `GET /api`: the app signs for these origins.
    pub fn origins(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(name, origin)| (name.as_str(), origin.as_str()))
    }

    /// The upstream name and URL for a request whose URI has this `path` and `query`:
    /// `/api/{name}/...` goes to the upstream `name`, path and query kept byte for byte.
    pub fn for_request<'p>(
        &self,
        path: &'p str,
        query: Option<&str>,
    ) -> Result<(&'p str, String), Refused> {
        let rest = path.strip_prefix("/api/").ok_or(Refused::NotProxied)?;
        let (name, path) = rest.split_once('/').unwrap_or((rest, ""));
        let path_and_query = match query {
            Some(query) => format!("/{path}?{query}"),
            None => format!("/{path}"),
        };
        Ok((name, self.target(name, &path_and_query)?))
    }

    /// The upstream URL for a request to `/api/{name}{path_and_query}`, path and query kept
    /// byte for byte.
    pub fn target(&self, name: &str, path_and_query: &str) -> Result<String, Refused> {
        let origin = self
            .0
            .get(name)
            .ok_or_else(|| Refused::UnknownUpstream(name.to_owned()))?;
        let path = path_and_query.split('?').next().unwrap_or_default();
        let dotted = path.split('/').any(|segment| {
            let lower = segment.to_ascii_lowercase().replace("%2e", ".");
            lower == "." || lower == ".."
        });
        if !path.starts_with('/')
            || path.len() < 2
            || dotted
            || !path_and_query.bytes().all(sent_as_is)
        {
            return Err(Refused::BadPath);
        }
        Ok(format!("{origin}{path_and_query}"))
    }
}

/// Whether a URL library sends this byte of a path or query as it is: printable ASCII, less
/// what WHATWG URLs percent-encode (quotes, angle brackets, braces, backtick) or read as a
/// separator (backslash), and the two others RFC 3986 leaves out (caret, bar).
fn sent_as_is(byte: u8) -> bool {
    byte.is_ascii_graphic() && !b"\"'<>\\^`{|}".contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_path_and_query_byte_for_byte() {
        let upstreams = Upstreams::new(None);
        assert_eq!(
            upstreams.target("ovh-eu", "/1.0/email/pro/s/account/john%2Bx@d.fr?primaryEmailAddress=a%40b&x=%20"),
            Ok("https://eu.api.ovh.com/1.0/email/pro/s/account/john%2Bx@d.fr?primaryEmailAddress=a%40b&x=%20".to_owned())
        );
        assert_eq!(
            upstreams.target("ovh-us", "/1.0/auth/time"),
            Ok("https://api.us.ovhcloud.com/1.0/auth/time".to_owned())
        );
    }

    #[test]
    fn the_sandbox_exists_only_when_named() {
        assert_eq!(
            Upstreams::new(None).target("sandbox", "/1.0/auth/time"),
            Err(Refused::UnknownUpstream("sandbox".into()))
        );
        assert_eq!(
            Upstreams::new(Some("http://127.0.0.1:8081/")).target("sandbox", "/1.0/auth/time"),
            Ok("http://127.0.0.1:8081/1.0/auth/time".to_owned())
        );
    }

    #[test]
    fn no_request_can_pick_another_host() {
        let upstreams = Upstreams::new(None);
        assert!(upstreams.target("evil.example", "/x").is_err());
        for path in [
            "/1.0/../../x",
            "/1.0/%2e%2e/x",
            "/1.0/%2E%2E/x",
            "/1.0/..\\x",
            "/1.0/\u{ff0e}\u{ff0e}/x",
            "/1.0/a b",
            "/./1.0",
            "",
            "/",
        ] {
            assert_eq!(
                upstreams.target("ovh-eu", path),
                Err(Refused::BadPath),
                "{path}"
            );
        }
        // Whatever follows the origin stays in the path of OVHcloud's host.
        for path in ["//evil.example/x", "/@evil.example/x", "/1.0%2f..%2fx"] {
            let target = upstreams
                .target("ovh-eu", path)
                .expect("a path on OVHcloud");
            assert!(target.starts_with("https://eu.api.ovh.com/"), "{target}");
        }
    }
}
