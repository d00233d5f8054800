//! What a sandbox starts with: services, domains, accounts and everything around them, written
//! as JSON so tests and demos can build their own (`--scenario FILE`), plus the demo company.

use serde::{Deserialize, Serialize};

/// A whole starting state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// The customer identifier (NIC handle) of the OVHcloud account that owns everything here,
    /// as `GET /auth/details` gives it.
    #[serde(default = "default_account")]
    pub account: String,
    /// Exchange services.
    #[serde(default)]
    pub exchange: Vec<HostedSpec>,
    /// Email Pro services.
    #[serde(default)]
    pub email_pro: Vec<HostedSpec>,
    /// MX Plan services on the current platform.
    #[serde(default)]
    pub mx_plan: Vec<HostedSpec>,
    /// MX Plan services on the legacy platform.
    #[serde(default)]
    pub legacy_mx_plan: Vec<LegacySpec>,
}

/// An Exchange, Email Pro or MX Plan service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HostedSpec {
    /// The service name.
    pub service: String,
    /// Exchange only: the organization (defaults to the service name, as on hosted offers).
    #[serde(default)]
    pub organization: Option<String>,
    /// The name shown in the Control Panel.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Whether passwords must mix character categories.
    #[serde(default = "yes")]
    pub complexity_enabled: bool,
    /// The shortest password allowed.
    #[serde(default = "eight")]
    pub min_password_length: i64,
    /// MX Plan only: Zimbra-based.
    #[serde(default)]
    pub is_zimbra: bool,
    /// Its domains; the first is the main one.
    pub domains: Vec<DomainSpec>,
    /// Configured accounts.
    #[serde(default)]
    pub accounts: Vec<AccountSpec>,
    /// Unconfigured account slots (`@configureme.me`).
    #[serde(default)]
    pub free_slots: u32,
    /// Exchange only: groups.
    #[serde(default)]
    pub mailing_lists: Vec<ListSpec>,
    /// External contacts.
    #[serde(default)]
    pub external_contacts: Vec<ContactSpec>,
    /// Footers, one per domain.
    #[serde(default)]
    pub disclaimers: Vec<DisclaimerSpec>,
}

/// A domain attached to a service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DomainSpec {
    /// The domain name.
    pub name: String,
    /// Whether it is non-authoritative here.
    #[serde(default)]
    pub non_authoritative: bool,
    /// Where unknown addresses are relayed (non-authoritative domains).
    #[serde(default)]
    pub mx_relay: Option<String>,
    /// Whether its DNS zone is at OVHcloud; if not, a CNAME check is asked for.
    #[serde(default = "yes")]
    pub hosted_at_ovh: bool,
}

/// A configured account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountSpec {
    /// Its address.
    pub address: String,
    /// The name shown.
    #[serde(default)]
    pub display_name: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Mailbox usage, in MB.
    #[serde(default)]
    pub usage_mb: u64,
    /// Maximum size, in GB (defaults to the platform's).
    #[serde(default)]
    pub quota_gb: Option<f64>,
    /// Its state (`ok` unless said otherwise).
    #[serde(default)]
    pub state: Option<String>,
    /// Its aliases.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Addresses of accounts with full access to this one.
    #[serde(default)]
    pub full_access: Vec<String>,
    /// Addresses of accounts that may send as this one.
    #[serde(default)]
    pub send_as: Vec<String>,
    /// Addresses of accounts that may send on behalf of this one.
    #[serde(default)]
    pub send_on_behalf_to: Vec<String>,
}

/// An Exchange group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListSpec {
    /// Its address.
    pub address: String,
    /// The name shown.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Member account addresses.
    #[serde(default)]
    pub members: Vec<String>,
    /// Manager account addresses.
    #[serde(default)]
    pub managers: Vec<String>,
}

/// An external contact.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactSpec {
    /// Its address.
    pub address: String,
    /// The name shown.
    pub display_name: String,
}

/// A footer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DisclaimerSpec {
    /// The domain it belongs to.
    pub domain: String,
    /// The footer (HTML).
    pub content: String,
    /// Only on messages leaving the organisation.
    #[serde(default)]
    pub outside_only: bool,
}

/// A legacy MX Plan service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LegacySpec {
    /// The domain (also the service name).
    pub domain: String,
    /// Maximum number of accounts.
    #[serde(default = "five")]
    pub max_accounts: i64,
    /// Its mailboxes.
    #[serde(default)]
    pub accounts: Vec<LegacyAccountSpec>,
}

/// A legacy MX Plan mailbox.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LegacyAccountSpec {
    /// The local part.
    pub name: String,
    /// Its size, in MB.
    #[serde(default)]
    pub size_mb: u64,
    /// What it holds, in MB.
    #[serde(default)]
    pub used_mb: u64,
    /// A free text.
    #[serde(default)]
    pub description: String,
}

fn yes() -> bool {
    true
}

fn eight() -> i64 {
    8
}

fn five() -> i64 {
    5
}

fn default_account() -> String {
    "xx11111-ovh".to_owned()
}

impl Default for Scenario {
    /// An account that owns nothing.
    fn default() -> Self {
        Self {
            account: default_account(),
            exchange: Vec::new(),
            email_pro: Vec::new(),
            mx_plan: Vec::new(),
            legacy_mx_plan: Vec::new(),
        }
    }
}

impl Scenario {
    /// Reads a scenario from JSON, naming the first problem.
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| format!("invalid scenario: {e}"))
    }

    /// The demo company: Exchange to move away from, two destinations with free slots, an MX
    /// Plan, and a legacy MX Plan.
    pub fn demo() -> Self {
        let domain = "demo-company.fr";
        let at = |local: &str| format!("{local}@{domain}");
        let person = |local: &str, first: &str, last: &str, usage_mb: u64| AccountSpec {
            address: at(local),
            display_name: Some(format!("{first} {last}")),
            first_name: Some(first.to_owned()),
            last_name: Some(last.to_owned()),
            usage_mb,
            ..AccountSpec::default()
        };
        let mut accounts = vec![
            person("claire.martin", "Claire", "Martin", 7_420),
            person("julien.bernard", "Julien", "Bernard", 2_310),
            person("sophie.dubois", "Sophie", "Dubois", 11_870),
            person("thomas.petit", "Thomas", "Petit", 640),
            person("emma.robert", "Emma", "Robert", 5_380),
            person("lucas.richard", "Lucas", "Richard", 1_150),
            person("chloe.durand", "Chloé", "Durand", 3_905),
            person("hugo.leroy", "Hugo", "Leroy", 480),
            person("lea.moreau", "Léa", "Moreau", 9_760),
            person("nathan.simon", "Nathan", "Simon", 120),
            person("contact", "Contact", "Demo Company", 2_050),
            person("compta", "Comptabilité", "Demo Company", 4_480),
        ];
        accounts[0].aliases = vec![at("direction"), at("c.martin")];
        accounts[0].full_access = vec![at("julien.bernard")];
        accounts[0].send_on_behalf_to = vec![at("julien.bernard")];
        accounts[2].aliases = vec![at("s.dubois")];
        accounts[4].aliases = vec![at("rh")];
        accounts[10].full_access = vec![at("thomas.petit"), at("emma.robert")];
        accounts[10].send_as = vec![at("thomas.petit"), at("emma.robert")];
        accounts[11].aliases = vec![at("factures")];
        accounts[11].full_access = vec![at("chloe.durand")];
        accounts[11].send_as = vec![at("chloe.durand")];
        accounts[9].state = Some("suspended".to_owned());
        Self {
            exchange: vec![
                HostedSpec {
                    service: "hosted-dc12345-1".to_owned(),
                    display_name: Some("Demo Company Exchange".to_owned()),
                    complexity_enabled: true,
                    min_password_length: 8,
                    domains: vec![DomainSpec {
                        name: domain.to_owned(),
                        hosted_at_ovh: true,
                        ..DomainSpec::default()
                    }],
                    accounts,
                    free_slots: 1,
                    mailing_lists: vec![
                        ListSpec {
                            address: at("equipe"),
                            display_name: Some("Toute l'équipe".to_owned()),
                            members: [
                                "claire.martin",
                                "julien.bernard",
                                "sophie.dubois",
                                "thomas.petit",
                                "emma.robert",
                            ]
                            .into_iter()
                            .map(at)
                            .collect(),
                            managers: vec![at("claire.martin")],
                        },
                        ListSpec {
                            address: at("commercial"),
                            display_name: Some("Service commercial".to_owned()),
                            members: ["lucas.richard", "chloe.durand", "hugo.leroy"]
                                .into_iter()
                                .map(at)
                                .collect(),
                            managers: vec![at("lucas.richard")],
                        },
                    ],
                    external_contacts: vec![
                        ContactSpec {
                            address: "expert@cabinet-comptable.fr".to_owned(),
                            display_name: "Cabinet comptable".to_owned(),
                        },
                        ContactSpec {
                            address: "support@imprimerie-lyon.fr".to_owned(),
                            display_name: "Imprimerie de Lyon".to_owned(),
                        },
                    ],
                    disclaimers: vec![DisclaimerSpec {
                        domain: domain.to_owned(),
                        content: "<p>Demo Company, 12 rue de la Paix, 75002 Paris</p>".to_owned(),
                        outside_only: true,
                    }],
                    ..HostedSpec::default()
                },
                HostedSpec {
                    service: "hosted-dc12345-2".to_owned(),
                    display_name: Some("New Exchange".to_owned()),
                    complexity_enabled: true,
                    min_password_length: 8,
                    domains: vec![DomainSpec {
                        name: "demo-company.com".to_owned(),
                        ..DomainSpec::default()
                    }],
                    free_slots: 15,
                    ..HostedSpec::default()
                },
            ],
            email_pro: vec![HostedSpec {
                service: "emailpro-dc12345-1".to_owned(),
                display_name: Some("Demo Company Email Pro".to_owned()),
                complexity_enabled: true,
                min_password_length: 8,
                domains: vec![DomainSpec {
                    name: "demo-company.net".to_owned(),
                    ..DomainSpec::default()
                }],
                free_slots: 15,
                ..HostedSpec::default()
            }],
            mx_plan: vec![HostedSpec {
                service: "mxplan-dc12345-1".to_owned(),
                display_name: Some("Demo Company MX Plan".to_owned()),
                complexity_enabled: false,
                min_password_length: 9,
                domains: vec![DomainSpec {
                    name: domain.to_owned(),
                    non_authoritative: true,
                    mx_relay: Some("mx0.mail.ovh.net".to_owned()),
                    ..DomainSpec::default()
                }],
                free_slots: 10,
                ..HostedSpec::default()
            }],
            account: "dc12345-ovh".to_owned(),
            legacy_mx_plan: vec![LegacySpec {
                domain: "demo-company.org".to_owned(),
                max_accounts: 5,
                accounts: vec![LegacyAccountSpec {
                    name: "info".to_owned(),
                    size_mb: 350,
                    used_mb: 120,
                    description: "Former address".to_owned(),
                }],
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_company_has_what_the_issue_asks_for() {
        let demo = Scenario::demo();
        let source = &demo.exchange[0];
        assert!(source.accounts.len() >= 12);
        assert!(
            source
                .accounts
                .iter()
                .filter(|a| a.usage_mb > 5 * 1024)
                .count()
                >= 2
        );
        assert!(source.accounts.iter().any(|a| !a.aliases.is_empty()));
        assert!(
            source
                .accounts
                .iter()
                .any(|a| !a.full_access.is_empty() && !a.send_as.is_empty())
        );
        assert_eq!(source.mailing_lists.len(), 2);
        assert!(!source.external_contacts.is_empty() && !source.disclaimers.is_empty());
        assert!(demo.exchange[1].free_slots > 0 && demo.email_pro[0].free_slots > 0);
        assert_eq!(demo.mx_plan.len(), 1);
    }

    #[test]
    fn scenarios_round_trip_and_refuse_unknown_fields() {
        let demo = Scenario::demo();
        let text = serde_json::to_string(&demo).expect("serialise");
        assert_eq!(Scenario::from_json(&text).expect("parse"), demo);
        let error = Scenario::from_json(r#"{"exchange":[],"gmail":[]}"#).expect_err("unknown");
        assert!(error.contains("gmail"), "{error}");
    }
}
