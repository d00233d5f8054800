//! A plan with accounts and nothing else, for the tests of what reads plans (the wizard's unit
//! tests, and with the `test-support` feature the app's component tests).

use mailshift_migrate::{AccountPlan, Options, Plan};
use mailshift_ovh::json::Unsaved;
use mailshift_ovh::password::PasswordPolicy;
use mailshift_ovh::service::ServiceId;

/// An account moving under the provisional name `p-{address}`, with no step.
pub fn account(address: &str, login: &str, display_name: Option<&str>) -> AccountPlan {
    AccountPlan {
        address: address.into(),
        provisional: format!("p-{address}"),
        login: login.into(),
        display_name: display_name.map(str::to_owned),
        usage: 0,
        blocked: false,
        steps: Vec::new(),
        delegations: Vec::new(),
        not_recreated: Vec::new(),
    }
}

/// An Email Pro to MX Plan plan of `accounts`, with legacy password rules on both sides and
/// the default options.
pub fn plan(accounts: Vec<AccountPlan>) -> Plan {
    let options = Options::default();
    Plan {
        source: ServiceId::EmailPro {
            service: "pro".into(),
        },
        destination: ServiceId::MxPlan {
            service: "mx".into(),
        },
        source_server: None,
        destination_server: None,
        source_policy: PasswordPolicy::Legacy,
        destination_policy: PasswordPolicy::Legacy,
        legacy_size: None,
        at_once: options.at_once,
        reset_after_copy: options.reset_after_copy,
        pst_backup: options.pst_backup,
        global: Vec::new(),
        accounts,
        service: Vec::new(),
        not_recreated: Vec::new(),
        findings: Unsaved::default(),
        cost: Unsaved::default(),
    }
}
