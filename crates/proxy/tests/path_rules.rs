//! Property tests of the rules that pick an upstream: whatever bytes a client puts in the
//! request target, no accepted path reaches a host outside the fixed list, and no dot segment
//! survives in any encoding, so the URL library that sends the call never rewrites its path.

use axum::http::Uri;
use mailshift_proxy::upstream::Upstreams;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

const SANDBOX: &str = "http://127.0.0.1:8081";
const HOSTS: [&str; 4] = [
    "eu.api.ovh.com",
    "ca.api.ovh.com",
    "api.us.ovhcloud.com",
    "127.0.0.1",
];

/// Pieces that have broken path rules in other proxies: dots in every encoding, separators in
/// every encoding, authority characters, and look-alike dots.
const TRICKY: &[&str] = &[
    ".",
    "..",
    "%2e",
    "%2E",
    ".%2e",
    "%2e.",
    "%2E%2e",
    "%252e",
    "\\",
    "%5c",
    "%5C",
    "/",
    "//",
    "%2f",
    "%2F",
    "@",
    ":",
    "?",
    "#",
    "%00",
    "%",
    "evil.example",
    "ovh-eu",
    "sandbox",
    "1.0",
    "api",
    "\u{ff0e}",
    "\u{2024}",
    "%20",
    ";",
    "..;",
    ".;",
    "%u002e",
    "&",
    "=",
];

/// Checks the rules on one request target, as hyper parses it from the request line.
fn check(target: &[u8]) -> Result<(), TestCaseError> {
    let Ok(uri) = Uri::try_from(target) else {
        return Ok(());
    };
    let upstreams = Upstreams::new(Some(SANDBOX));
    let Ok((name, url)) = upstreams.for_request(uri.path(), uri.query()) else {
        return Ok(());
    };
    let parsed = reqwest::Url::parse(&url)
        .map_err(|e| TestCaseError::fail(format!("{url} does not parse: {e}")))?;
    let host = parsed.host_str().unwrap_or_default();
    prop_assert!(HOSTS.contains(&host), "{:?} reached {host}", uri);
    prop_assert!(
        !parsed.path().split('/').any(|s| s == "." || s == ".."),
        "{:?} kept a dot segment: {}",
        uri,
        parsed.path()
    );
    let sent = uri
        .path()
        .strip_prefix(&format!("/api/{name}"))
        .unwrap_or_default();
    prop_assert_eq!(parsed.path(), sent, "the path was rewritten");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn arbitrary_bytes_after_api(bytes in vec(any::<u8>(), 0..120)) {
        check(&[b"/api/".as_slice(), &bytes].concat())?;
    }

    #[test]
    fn tricky_pieces_under_each_upstream(
        name in select(&["ovh-eu", "ovh-ca", "ovh-us", "sandbox", "evil.example"][..]),
        pieces in vec(select(TRICKY), 0..12),
    ) {
        check(format!("/api/{name}/{}", pieces.concat()).as_bytes())?;
    }

    #[test]
    fn any_request_target(bytes in vec(any::<u8>(), 0..120)) {
        check(&bytes)?;
    }
}
