//! The page a person (or a test) opens from a `validationUrl`: log in, see the rules the
//! application asks for, grant or refuse them, and go back to the application.

use std::fmt::Write;

use crate::auth::{Application, Credential};

/// How long a granted key lives: the choices OVHcloud's own page offers.
pub const LIFETIMES: [(&str, Option<i64>); 4] = [
    ("1 hour", Some(3_600)),
    ("1 day", Some(86_400)),
    ("30 days", Some(2_592_000)),
    ("Unlimited", None),
];

/// The page for a pending key, with an optional error line.
pub fn page(application: &Application, credential: &Credential, error: Option<&str>) -> String {
    let mut rules = String::new();
    for rule in &credential.rules {
        let _ = write!(
            rules,
            "<li><code>{} {}</code></li>",
            rule.method,
            escape(&rule.path)
        );
    }
    let mut lifetimes = String::new();
    for (i, (label, _)) in LIFETIMES.iter().enumerate() {
        let _ = write!(lifetimes, "<option value=\"{i}\">{label}</option>");
    }
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)))
        .unwrap_or_default();
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox: authorize {app}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
label{{display:block;margin:.5rem 0}}input,select{{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}}
.error{{color:#a40000}}button{{font:inherit;padding:.5rem 1rem;margin-right:.5rem}}</style></head>
<body><h1>Mailshift sandbox</h1>
<p>This stands in for OVHcloud's authorization page. The application <strong>{app}</strong> asks for these rights:</p>
<ul>{rules}</ul>{error}
<form method="post" action="/auth/">
<input type="hidden" name="credentialToken" value="{token}">
<label>Account <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<label>Validity <select name="validity">{lifetimes}</select></label>
<button type="submit" name="decision" value="grant">Authorize</button>
<button type="submit" name="decision" value="refuse">Refuse</button>
</form></body></html>"#,
        app = escape(&application.name),
        token = escape(&credential.token),
    )
}

/// A short page with a title and a sentence.
pub fn message(title: &str, text: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto\">\
         <h1>{t}</h1><p>{x}</p></body></html>",
        t = escape(title),
        x = escape(text)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use mailshift_ovh::Method;
    use mailshift_ovh::models::auth::{AccessRule, CredentialState};

    #[test]
    fn shows_rules_and_escapes_everything_it_did_not_write() {
        let application = Application {
            id: 1,
            key: "AK".into(),
            secret: "AS".into(),
            name: "<Evil & Co>".into(),
        };
        let credential = Credential {
            id: 1,
            consumer_key: "CK".into(),
            application_key: "AK".into(),
            rules: vec![AccessRule {
                method: Method::Get,
                path: "/email/<script>*".into(),
            }],
            state: CredentialState::PendingValidation,
            created: 0,
            expires: None,
            last_use: None,
            redirection: None,
            token: "tok".into(),
            revoked: false,
        };
        let html = page(&application, &credential, Some("Wrong <password>"));
        assert!(html.contains("&lt;Evil &amp; Co&gt;"));
        assert!(html.contains("GET /email/&lt;script&gt;*"));
        assert!(html.contains("Wrong &lt;password&gt;"));
        assert!(!html.contains("<script>"));
    }
}
