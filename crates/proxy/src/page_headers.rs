//! The security headers the app's files go out with: a Content Security Policy that lets the
//! built app run and nothing else, and the headers that stop sniffing, referrers and unused
//! browser features.
//!
//! The page holds an OVHcloud application secret, a consumer key with write rights on every
//! mailbox and, during a migration, every new mailbox's password: a script injected by any
//! means must find nowhere to run and nowhere to send them. Trunk inlines the loader that starts
//! the wasm, so its SHA-256 goes into the policy; it changes with each build, so the policy is
//! computed from the built `index.html`, and `--print-headers` prints it for a static host.

use std::path::Path;

use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// Browser features the app never uses, turned off; it writes to the clipboard (copy buttons).
const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), clipboard-read=(), clipboard-write=(self)";

/// The headers for one build of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageHeaders {
    policy: String,
}

impl PageHeaders {
    /// The headers for the app built in `app_dir`, whose inline scripts are read from its
    /// `index.html`.
    pub fn for_app(app_dir: &Path) -> Result<Self, String> {
        let index = app_dir.join("index.html");
        let page = std::fs::read_to_string(&index)
            .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
        Ok(Self::for_page(&page))
    }

    /// The headers for a page whose HTML is `page`.
    pub fn for_page(page: &str) -> Self {
        let hashes: String = inline_scripts(page)
            .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
            .collect();
        let policy = format!(
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
             img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'"
        );
        Self { policy }
    }

    /// Every header, name and value.
    pub fn headers(&self) -> [(HeaderName, &str); 4] {
        [
            (header::CONTENT_SECURITY_POLICY, &self.policy),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (HeaderName::from_static("permissions-policy"), PERMISSIONS),
        ]
    }

    /// Adds the headers to an answer.
    pub fn add_to(&self, headers: &mut HeaderMap) {
        for (name, value) in self.headers() {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(name, value);
            }
        }
    }

    /// What a static host that cannot send headers can put in the page's `<head>` instead: the
    /// policy without `frame-ancestors` (a meta tag cannot carry it) and the referrer policy.
    pub fn meta_tags(&self) -> String {
        let policy = self
            .policy
            .split("; ")
            .filter(|d| !d.starts_with("frame-ancestors"))
            .collect::<Vec<_>>()
            .join("; ");
        format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n<meta name=\"referrer\" content=\"no-referrer\">"
        )
    }
}

/// The text of each `<script>` without a `src`, as the browser hashes it.
fn inline_scripts(page: &str) -> impl Iterator<Item = &str> {
    page.split("<script").skip(1).filter_map(|rest| {
        let (tag, after) = rest.split_once('>')?;
        let (body, _) = after.split_once("</script>")?;
        (!tag.contains("src=") && !body.is_empty()).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_inline_script_is_hashed_and_external_ones_are_not() {
        let page = "<html><head><script type=module>import init from '/app.js';\nawait init();</script>\
                    <script src=/other.js></script><script>x()</script></head></html>";
        let headers = PageHeaders::for_page(page);
        let policy = headers.headers()[0].1.to_owned();
        let hash = |s: &str| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(s)));
        assert!(
            policy.contains(&hash("import init from '/app.js';\nawait init();")),
            "{policy}"
        );
        assert!(policy.contains(&hash("x()")), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 2);
        for locked in [
            "default-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "connect-src 'self'",
        ] {
            assert!(policy.contains(locked), "{locked}");
        }
        assert!(!policy.contains("unsafe-inline"));
        let meta = headers.meta_tags();
        assert!(meta.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(
            !meta.contains("frame-ancestors"),
            "a meta tag cannot carry it"
        );
        assert!(meta.contains("no-referrer"));
    }
}
