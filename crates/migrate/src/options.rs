//! What the user chooses before a run, each with a safe default, and what is wrong with a
//! choice.

/// The placeholders of [`Options::provisional_pattern`].
pub const LOGIN: &str = "{login}";
/// See [`LOGIN`]: the two-digit number, from 01.
pub const NUMBER: &str = "{nn}";

/// The most accounts run at once; more would only queue behind the rate limit.
pub const MOST_AT_ONCE: u8 = 10;

/// Which of what the content copy does not carry are recreated on the destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Features {
    /// Aliases (moved: removed from the source, then added on the destination).
    pub aliases: bool,
    /// Full-access delegations.
    #[serde(rename = "fullAccess")]
    pub full_access: bool,
    /// Send-as delegations.
    #[serde(rename = "sendAs")]
    pub send_as: bool,
    /// Send-on-behalf delegations.
    #[serde(rename = "sendOnBehalf")]
    pub send_on_behalf: bool,
    /// Groups (mailing lists), with members and managers.
    pub groups: bool,
    /// External contacts.
    #[serde(rename = "externalContacts")]
    pub external_contacts: bool,
    /// Footers, one per domain.
    pub footers: bool,
}

impl Default for Features {
    /// Everything the destination can hold.
    fn default() -> Self {
        Self {
            aliases: true,
            full_access: true,
            send_as: true,
            send_on_behalf: true,
            groups: true,
            external_contacts: true,
            footers: true,
        }
    }
}

/// Where destination passwords come from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize,
)]
pub enum PasswordSource {
    /// Generated per account to fit the destination's policy, shown once.
    #[default]
    #[serde(rename = "generated")]
    Generated,
    /// Given by the user per account, and checked against the policy before anything is sent.
    #[serde(rename = "given")]
    Given,
}

/// The options of a run. None holds a secret, so they are journaled as they are.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Options {
    /// How a provisional name is made from the login: `{login}` and `{nn}`, the first free
    /// two-digit number from 01 (`john.smith01`).
    #[serde(rename = "provisionalPattern")]
    pub provisional_pattern: String,
    /// Where destination passwords come from.
    pub passwords: PasswordSource,
    /// Set a generated password on each provisional source account so the copy tool can log
    /// in to it. Mail clients stop working at the rename anyway, since the login changes; say
    /// no only if you know every account's current password.
    #[serde(rename = "sourcePasswords")]
    pub source_passwords: bool,
    /// What to recreate.
    pub features: Features,
    /// Exchange sources: a PST export of each mailbox, as a backup, before its reset.
    #[serde(rename = "pstBackup")]
    pub pst_backup: bool,
    /// Reset each provisional source account once its copy is confirmed. Off by default: a
    /// reset erases the source mailbox.
    #[serde(rename = "resetAfterCopy")]
    pub reset_after_copy: bool,
    /// How many accounts move at once.
    #[serde(rename = "atOnce")]
    pub at_once: u8,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            provisional_pattern: format!("{LOGIN}{NUMBER}"),
            passwords: PasswordSource::Generated,
            source_passwords: true,
            features: Features::default(),
            pst_backup: false,
            reset_after_copy: false,
            at_once: 6,
        }
    }
}

/// What is wrong with an option, in words that say how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionProblem {
    /// The pattern lacks `{login}` or `{nn}`.
    PatternPlaceholders,
    /// The pattern has characters an address cannot hold.
    PatternCharacters(char),
    /// Accounts at once outside 1 to [`MOST_AT_ONCE`].
    AtOnce(u8),
}

impl std::fmt::Display for OptionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::PatternPlaceholders => write!(
                f,
                "The provisional name pattern must contain {LOGIN} and {NUMBER}, for example {LOGIN}{NUMBER} or old.{LOGIN}{NUMBER}."
            ),
            Self::PatternCharacters(c) => write!(
                f,
                "The provisional name pattern cannot contain {c:?}: use letters, digits, dots, hyphens and underscores."
            ),
            Self::AtOnce(n) => write!(
                f,
                "{n} accounts at once is not possible: choose from 1 to {MOST_AT_ONCE}."
            ),
        }
    }
}

impl Options {
    /// Every problem with these options; empty when they can be used.
    pub fn problems(&self) -> Vec<OptionProblem> {
        let mut problems = Vec::new();
        let pattern = &self.provisional_pattern;
        if !pattern.contains(LOGIN) || !pattern.contains(NUMBER) {
            problems.push(OptionProblem::PatternPlaceholders);
        }
        let rest = pattern.replace(LOGIN, "").replace(NUMBER, "");
        if let Some(c) = rest
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
        {
            problems.push(OptionProblem::PatternCharacters(c));
        }
        if !(1..=MOST_AT_ONCE).contains(&self.at_once) {
            problems.push(OptionProblem::AtOnce(self.at_once));
        }
        problems
    }

    /// The provisional login for `login` with number `n`.
    pub fn provisional_login(&self, login: &str, n: u32) -> String {
        self.provisional_pattern
            .replace(LOGIN, login)
            .replace(NUMBER, &format!("{n:02}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_usable_and_safe() {
        let options = Options::default();
        assert!(options.problems().is_empty());
        assert!(!options.reset_after_copy, "a reset erases the source");
        assert_eq!(options.provisional_login("john.smith", 1), "john.smith01");
    }

    #[test]
    fn each_bad_option_gets_its_message() {
        let bad = Options {
            provisional_pattern: "{login}".into(),
            at_once: 0,
            ..Options::default()
        };
        let problems = bad.problems();
        assert_eq!(
            problems,
            [OptionProblem::PatternPlaceholders, OptionProblem::AtOnce(0)]
        );
        assert!(problems[0].to_string().contains("{nn}"));
        let spaced = Options {
            provisional_pattern: "old {login}{nn}".into(),
            ..Options::default()
        };
        let problems = spaced.problems();
        assert_eq!(problems, [OptionProblem::PatternCharacters(' ')]);
        assert!(problems[0].to_string().contains("letters, digits"));
        let many = Options {
            at_once: 11,
            ..Options::default()
        };
        assert!(many.problems()[0].to_string().contains("from 1 to 10"));
    }
}
