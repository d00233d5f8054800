//! Mailbox passwords: generated to fit the destination's policy, or given and checked, and
//! kept in memory only (the journal and the report never hold one).

use mailshift_ovh::Secret;
use mailshift_ovh::password::{PasswordPolicy, PasswordProblem};

/// Letters and digits without look-alikes, then symbols that need no quoting in OVHcloud Mail
/// Migrator's semicolon-separated CSV.
const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &[u8] = b"23456789";
const SYMBOLS: &[u8] = b"!#$%&*+-=?@_";

/// Random bytes could not be had from the system (or the browser's crypto).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoRandomness(pub String);

/// A fresh password for an account with this login and display name, fitting `policy`.
pub fn generate(
    policy: PasswordPolicy,
    login: &str,
    display_name: &str,
) -> Result<Secret, NoRandomness> {
    let length = match policy {
        PasswordPolicy::Hosted { min_length, .. } => min_length.clamp(16, 127),
        PasswordPolicy::Zimbra | PasswordPolicy::Legacy => 16,
    };
    loop {
        let candidate = draw(length)?;
        if policy.problems(&candidate, login, display_name).is_empty() {
            return Ok(Secret::new(candidate));
        }
    }
}

/// One of each kind first, then any, shuffled.
fn draw(length: usize) -> Result<String, NoRandomness> {
    let all: Vec<u8> = [LOWER, UPPER, DIGITS, SYMBOLS].concat();
    let mut chars: Vec<u8> = [LOWER, UPPER, DIGITS, SYMBOLS]
        .iter()
        .map(|set| pick(set))
        .collect::<Result<_, _>>()?;
    while chars.len() < length {
        chars.push(pick(&all)?);
    }
    for i in (1..chars.len()).rev() {
        let j = below(i + 1)?;
        chars.swap(i, j);
    }
    Ok(chars.into_iter().map(char::from).collect())
}

fn pick(set: &[u8]) -> Result<u8, NoRandomness> {
    Ok(set[below(set.len())?])
}

/// A uniform number below `n` (at most 256), by rejection so no character is favoured.
fn below(n: usize) -> Result<usize, NoRandomness> {
    let limit = 256 - 256 % n;
    loop {
        let mut byte = [0u8; 1];
        getrandom::fill(&mut byte).map_err(|e| NoRandomness(e.to_string()))?;
        if usize::from(byte[0]) < limit {
            return Ok(usize::from(byte[0]) % n);
        }
    }
}

/// What is wrong with a password the user gave for this account, first problem first.
pub fn check(
    policy: PasswordPolicy,
    password: &str,
    login: &str,
    display_name: &str,
) -> Vec<PasswordProblem> {
    policy.problems(password, login, display_name)
}

/// The passwords of a run, by address; in memory only.
#[derive(Clone, Debug, Default)]
pub struct Passwords {
    entries: Vec<(String, Secret)>,
}

impl Passwords {
    /// No password yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The password of `address`, if known.
    pub fn get(&self, address: &str) -> Option<&Secret> {
        self.entries
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(address))
            .map(|(_, s)| s)
    }

    /// Sets the password of `address`.
    pub fn set(&mut self, address: &str, password: Secret) {
        self.entries
            .retain(|(a, _)| !a.eq_ignore_ascii_case(address));
        self.entries.push((address.to_ascii_lowercase(), password));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_fit_every_policy_and_differ() {
        for policy in [
            PasswordPolicy::Hosted {
                min_length: 8,
                complexity: true,
            },
            PasswordPolicy::Hosted {
                min_length: 20,
                complexity: true,
            },
            PasswordPolicy::Zimbra,
            PasswordPolicy::Legacy,
        ] {
            let one = generate(policy, "claire.martin", "Claire Martin").expect("random");
            let two = generate(policy, "claire.martin", "Claire Martin").expect("random");
            assert!(check(policy, one.expose(), "claire.martin", "Claire Martin").is_empty());
            assert_ne!(one.expose(), two.expose());
            assert!(!one.expose().contains(';') && !one.expose().contains('"'));
        }
        let long = generate(
            PasswordPolicy::Hosted {
                min_length: 20,
                complexity: true,
            },
            "a",
            "",
        )
        .expect("random");
        assert_eq!(long.expose().len(), 20);
    }

    #[test]
    fn passwords_are_kept_by_address_and_never_printed() {
        let mut passwords = Passwords::new();
        passwords.set("John@D.fr", Secret::new("first-Secret1"));
        passwords.set("john@d.fr", Secret::new("second-Secret2"));
        assert_eq!(
            passwords.get("JOHN@d.fr").map(Secret::expose),
            Some("second-Secret2")
        );
        assert!(!format!("{passwords:?}").contains("Secret2"));
    }
}
