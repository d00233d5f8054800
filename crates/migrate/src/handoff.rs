//! The content copy hand-off: no public /1.0 call copies an Exchange or Email Pro mailbox, so
//! the engine gives, per account, everything OVHcloud Mail Migrator (OMM) asks for, and the
//! project CSV in OMM's exact format.

use mailshift_ovh::Secret;
use mailshift_ovh::service::Platform;

use crate::passwords::Passwords;
use crate::plan::Plan;

/// Where people open OVHcloud Mail Migrator.
pub const OMM_URL: &str = "https://omm.ovhcloud.com";

/// The first line of OMM's project CSV, exactly as OMM reads it (spec section 1).
pub const CSV_HEADER: &str = "\"Source Type(IMAP/Exchange/POP)\";Source Server url;Source Login/Mail;Source Password;Destination Type;\"Destination Url(can be leaved empty if hosted by OVH)\";Destination Mail;Destination Password;Source admin mail (delegation);Destination Admin Mail (delegation)";

/// One side of a copy as OMM's form asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopySide {
    /// The type OMM's form lists (`Exchange`, `Email Pro`, `MX Plan`).
    pub form_type: &'static str,
    /// The type in OMM's CSV (`Exchange` or `IMAP`).
    pub csv_type: &'static str,
    /// The server: an Exchange Web Services URL, or the IMAP host.
    pub server: String,
    /// The login: the full address.
    pub login: String,
    /// The password, when known (never shown unless asked).
    pub password: Option<Secret>,
}

/// Everything OMM needs for one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyHandoff {
    /// The address that moves.
    pub address: String,
    /// The provisional source account.
    pub source: CopySide,
    /// The new destination account.
    pub destination: CopySide,
}

/// OMM's names for a platform, and its server as OMM wants it.
fn side(platform: Platform, host: Option<&str>, login: &str, password: Option<Secret>) -> CopySide {
    let host = host.unwrap_or_default();
    let (form_type, csv_type) = match platform {
        Platform::Exchange => ("Exchange", "Exchange"),
        Platform::EmailPro => ("Email Pro", "Exchange"),
        Platform::MxPlan | Platform::LegacyMxPlan => ("MX Plan", "IMAP"),
    };
    let server = if csv_type == "Exchange" {
        format!("https://{host}/ews/exchange.asmx")
    } else {
        host.to_owned()
    };
    CopySide {
        form_type,
        csv_type,
        server,
        login: login.to_owned(),
        password,
    }
}

/// The hand-off of every account of the plan that moves, with the passwords in memory.
pub fn handoffs(plan: &Plan, passwords: &Passwords) -> Vec<CopyHandoff> {
    plan.moving()
        .map(|account| CopyHandoff {
            address: account.address.clone(),
            source: side(
                plan.source.platform(),
                plan.source_server.as_deref(),
                &account.provisional,
                passwords.get(&account.provisional).cloned(),
            ),
            destination: side(
                plan.destination.platform(),
                plan.destination_server.as_deref(),
                &account.address,
                passwords.get(&account.address).cloned(),
            ),
        })
        .collect()
}

/// OMM's project CSV for these hand-offs. It holds passwords: write it only when the user
/// asks, and tell them.
pub fn omm_csv(handoffs: &[CopyHandoff]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for h in handoffs {
        let password = |s: &CopySide| s.password.as_ref().map_or("", |p| p.expose()).to_owned();
        let fields = [
            field(h.source.csv_type),
            field(&h.source.server),
            field(&h.source.login),
            field(&password(&h.source)),
            field(h.destination.csv_type),
            // OVHcloud-hosted destinations leave the URL empty, as OMM's header says.
            String::new(),
            field(&h.destination.login),
            field(&password(&h.destination)),
            "\"\"".to_owned(),
            "\"\"".to_owned(),
        ];
        out.push_str(&fields.join(";"));
        out.push('\n');
    }
    out
}

/// A CSV field, quoted only when it must be.
pub fn field(value: &str) -> String {
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_has_omm_s_exact_header_and_the_spec_s_row_shape() {
        let handoff = CopyHandoff {
            address: "john.smith@d".into(),
            source: side(
                Platform::Exchange,
                Some("ex3.mail.ovh.net"),
                "old01@d",
                Some(Secret::new("pw1")),
            ),
            destination: side(
                Platform::Exchange,
                Some("ex5.mail.ovh.net"),
                "john.smith@d",
                Some(Secret::new("pw2")),
            ),
        };
        let csv = omm_csv(&[handoff]);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(CSV_HEADER));
        assert_eq!(
            lines.next(),
            Some(
                r#"Exchange;https://ex3.mail.ovh.net/ews/exchange.asmx;old01@d;pw1;Exchange;;john.smith@d;pw2;"";"""#
            )
        );
    }

    #[test]
    fn fields_with_separators_are_quoted_and_mx_plan_is_imap() {
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        let mx = side(Platform::LegacyMxPlan, Some("ssl0.ovh.net"), "a@d", None);
        assert_eq!((mx.csv_type, mx.server.as_str()), ("IMAP", "ssl0.ovh.net"));
        let pro = side(Platform::EmailPro, Some("pro2.mail.ovh.net"), "a@d", None);
        assert_eq!(pro.form_type, "Email Pro");
        assert_eq!(pro.server, "https://pro2.mail.ovh.net/ews/exchange.asmx");
    }
}
