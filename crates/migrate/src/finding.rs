//! Preflight findings: what would stop or weaken a run, each with its fix in plain words.

use std::fmt::Write as _;

use mailshift_ovh::models::ObjectState;

/// Whether a finding stops the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub enum Severity {
    /// Nothing is written until it is fixed (for an account: that account cannot move).
    #[serde(rename = "blocking")]
    Blocking,
    /// The run can go on; the user should know.
    #[serde(rename = "warning")]
    Warning,
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq)]
pub enum FindingKind {
    /// The domain is not on the destination yet: phase 1 adds it as non-authoritative.
    DomainToAdd {
        /// The domain.
        domain: String,
    },
    /// The domain is on the destination but not ready.
    DomainNotReady {
        /// The domain.
        domain: String,
        /// Its state there.
        state: ObjectState,
    },
    /// The destination is authoritative for the domain, so it refuses mail for addresses
    /// that still live on the source.
    DomainAuthoritative {
        /// The domain.
        domain: String,
    },
    /// The domain's zone is not at OVHcloud: a CNAME must be published to prove ownership.
    CnameToPublish {
        /// The domain.
        domain: String,
        /// The CNAME's name.
        cname: String,
    },
    /// An MX Plan destination serves one domain only, and it is not this one.
    DomainFixed {
        /// The account's domain.
        domain: String,
        /// The destination's.
        destination: String,
    },
    /// Not enough ready free slots (legacy MX Plan: room in its quota).
    NotEnoughSlots {
        /// Accounts selected.
        needed: usize,
        /// Slots ready.
        ready: usize,
    },
    /// The mailbox is larger than the destination allows.
    TooBig {
        /// Its size, in bytes.
        size: u64,
        /// The destination's limit, in bytes.
        limit: u64,
    },
    /// The account is not in state `ok`.
    NotReady {
        /// Its state.
        state: ObjectState,
    },
    /// The account has an operation pending.
    Busy,
    /// No provisional name from 01 to 99 is free.
    NoProvisionalName,
    /// The address is already used on the destination.
    AddressTaken,
    /// The password given for the account breaks the destination's policy.
    WeakPassword {
        /// Why.
        problem: String,
    },
    /// No password was given for the account.
    MissingPassword,
    /// A delegate of the account does not move with it, so the delegation is not recreated.
    DelegateNotMoving {
        /// The right.
        right: String,
        /// The delegate's address.
        delegate: String,
    },
    /// Something the destination cannot hold.
    Unsupported {
        /// What.
        feature: String,
        /// How many of them.
        count: usize,
    },
}

mailshift_ovh::tagged_enum!(FindingKind {
    names {
        "busy" => Busy,
        "noProvisionalName" => NoProvisionalName,
        "addressTaken" => AddressTaken,
        "missingPassword" => MissingPassword,
    }
    values {}
    fields {
        "domainToAdd" => DomainToAdd { domain: String },
        "domainNotReady" => DomainNotReady { domain: String, state: ObjectState },
        "domainAuthoritative" => DomainAuthoritative { domain: String },
        "cnameToPublish" => CnameToPublish { domain: String, cname: String },
        "domainFixed" => DomainFixed { domain: String, destination: String },
        "notEnoughSlots" => NotEnoughSlots { needed: usize, ready: usize },
        "tooBig" => TooBig { size: u64, limit: u64 },
        "notReady" => NotReady { state: ObjectState },
        "weakPassword" => WeakPassword { problem: String },
        "delegateNotMoving" => DelegateNotMoving { right: String, delegate: String },
        "unsupported" => Unsupported { feature: String, count: usize },
    }
});

/// One preflight finding.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Finding {
    /// Whether it stops the run (or the account).
    pub severity: Severity,
    /// The account it is about, `None` for the whole run.
    pub account: Option<String>,
    /// What it is.
    pub kind: FindingKind,
}

impl Finding {
    /// A blocking finding.
    pub fn blocking(account: Option<&str>, kind: FindingKind) -> Self {
        Self {
            severity: Severity::Blocking,
            account: account.map(str::to_owned),
            kind,
        }
    }

    /// A warning.
    pub fn warning(account: Option<&str>, kind: FindingKind) -> Self {
        Self {
            severity: Severity::Warning,
            account: account.map(str::to_owned),
            kind,
        }
    }

    /// What happened and what to do, in one or two sentences.
    pub fn message(&self) -> String {
        let mut out = String::new();
        if let Some(account) = &self.account {
            let _ = write!(out, "{account}: ");
        }
        let _ = match &self.kind {
            FindingKind::DomainToAdd { domain } => write!(
                out,
                "{domain} is not on the destination yet. Mailshift adds it as non-authoritative first, so mail keeps arriving on the source until each address moves."
            ),
            FindingKind::DomainNotReady { domain, state } => write!(
                out,
                "{domain} is on the destination but in state {state:?}. Wait until OVHcloud shows it OK, then plan again."
            ),
            FindingKind::DomainAuthoritative { domain } => write!(
                out,
                "The destination is authoritative for {domain}: it would refuse mail for the addresses still on the source. Set the domain to non-authoritative on the destination (Associated domains), then plan again."
            ),
            FindingKind::CnameToPublish { domain, cname } => write!(
                out,
                "The DNS zone of {domain} is not at OVHcloud. Publish a CNAME record named {cname} (pointing to ssl0.ovh.net) in the zone; Mailshift waits for OVHcloud to see it."
            ),
            FindingKind::DomainFixed {
                domain,
                destination,
            } => write!(
                out,
                "An MX Plan serves only its own domain, {destination}, and this address is on {domain}. Choose a destination that holds {domain}."
            ),
            FindingKind::NotEnoughSlots { needed, ready } => write!(
                out,
                "{needed} accounts are selected but the destination has {ready} free accounts ready. Order more accounts for the destination, or select fewer."
            ),
            FindingKind::TooBig { size, limit } => write!(
                out,
                "The mailbox holds {} MB, more than the destination's {} MB. Empty it below the limit first, or choose a larger destination.",
                size / (1024 * 1024),
                limit / (1024 * 1024)
            ),
            FindingKind::NotReady { state } => write!(
                out,
                "The account is in state {state:?}. Only accounts in state OK can move: fix it in the Control Panel, then plan again."
            ),
            FindingKind::Busy => write!(
                out,
                "An operation is still running on the account. Wait a few minutes, then plan again."
            ),
            FindingKind::NoProvisionalName => write!(
                out,
                "Every provisional name from 01 to 99 is taken. Change the provisional name pattern."
            ),
            FindingKind::AddressTaken => write!(
                out,
                "The address already exists on the destination. Remove it there, or leave this account out."
            ),
            FindingKind::WeakPassword { problem } => write!(
                out,
                "The password given is refused by the destination: {problem}. Choose another one."
            ),
            FindingKind::MissingPassword => {
                write!(
                    out,
                    "No password was given. Type one, or let Mailshift generate it."
                )
            }
            FindingKind::DelegateNotMoving { right, delegate } => write!(
                out,
                "{delegate} has {right} on this account but is not moving, so that right is not recreated. Select {delegate} too, or give the right again by hand afterwards."
            ),
            FindingKind::Unsupported { feature, count } => write!(
                out,
                "The destination cannot hold {feature} ({count} on the source): they are not recreated. Keep a note of them before the source accounts are reset."
            ),
        };
        out
    }
}
