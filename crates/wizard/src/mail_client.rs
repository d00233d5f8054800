//! What a person types into a phone or a mail program set up by hand for the destination.

use mailshift_ovh::service::Platform;

/// One server setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSetting {
    /// The protocol, as mail programs name it.
    pub protocol: &'static str,
    /// The server.
    pub server: String,
    /// The port.
    pub port: u16,
    /// The encryption, as mail programs name it.
    pub security: &'static str,
}

/// The settings for `platform`, with `server` as the API gives it (the destination service's
/// `hostname`); an unknown server is left empty rather than guessed.
pub fn settings(platform: Platform, server: Option<&str>) -> Vec<ClientSetting> {
    let server = server.unwrap_or_default().to_owned();
    let setting = |protocol, port, security| ClientSetting {
        protocol,
        server: server.clone(),
        port,
        security,
    };
    let mut all = vec![
        setting("IMAP", 993, "SSL/TLS"),
        setting("SMTP", 587, "STARTTLS"),
    ];
    match platform {
        Platform::Exchange | Platform::EmailPro => {
            all.push(setting("Exchange (EWS, ActiveSync)", 443, "HTTPS"));
        }
        Platform::MxPlan | Platform::LegacyMxPlan => {
            all.push(setting("POP3", 995, "SSL/TLS"));
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosted_platforms_add_exchange_and_mx_plan_adds_pop() {
        let pro = settings(Platform::EmailPro, Some("pro1.mail.ovh.net"));
        assert_eq!(pro.len(), 3);
        assert!(pro.iter().all(|s| s.server == "pro1.mail.ovh.net"));
        assert_eq!(pro[2].port, 443);
        let mx = settings(Platform::MxPlan, None);
        assert_eq!(
            mx.iter().map(|s| s.port).collect::<Vec<_>>(),
            [993, 587, 995]
        );
        assert!(mx[0].server.is_empty(), "not guessed");
    }
}
