//! Password policies of the email platforms (spec section 8), checked before a password is sent.

use std::fmt;

/// The rules a platform applies to a new password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordPolicy {
    /// Exchange, Email Pro and current MX Plan: a length range, and categories when the service
    /// enables complexity.
    Hosted {
        /// The service's `minPasswordLength`.
        min_length: usize,
        /// The service's `complexityEnabled`.
        complexity: bool,
    },
    /// MX Plan on Zimbra: 10 to 64 characters with an upper case letter, a digit and a symbol.
    Zimbra,
    /// Legacy MX Plan: 9 to 30 characters, no leading or trailing space, no accented letter.
    Legacy,
}

crate::tagged_enum!(PasswordPolicy {
    names { "zimbra" => Zimbra, "legacy" => Legacy }
    values {}
    fields { "hosted" => Hosted { min_length: usize, complexity: bool } }
});

/// One way a password breaks a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Too short: at least this many characters.
    TooShort(usize),
    /// Too long: at most this many characters.
    TooLong(usize),
    /// Not enough kinds of characters (upper, lower, digit, symbol, other letter).
    TooSimple,
    /// Contains white space.
    WhiteSpace,
    /// Is the login, or contains 3 or more characters of the display name in a row.
    Personal,
    /// Lacks an upper case letter, a digit or a symbol (Zimbra).
    MissingKind,
    /// Has an accented letter, or a space at either end (legacy MX Plan).
    Forbidden,
}

impl fmt::Display for PasswordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort(n) => write!(f, "it must have at least {n} characters"),
            Self::TooLong(n) => write!(f, "it must have at most {n} characters"),
            Self::TooSimple => f.write_str(
                "it must mix at least 3 kinds of characters: upper case, lower case, digits, symbols",
            ),
            Self::WhiteSpace => f.write_str("it must not contain spaces"),
            Self::Personal => {
                f.write_str("it must not contain the login or part of the display name")
            }
            Self::MissingKind => {
                f.write_str("it must contain an upper case letter, a digit and a symbol")
            }
            Self::Forbidden => {
                f.write_str("it must not contain accented letters or start or end with a space")
            }
        }
    }
}

impl PasswordPolicy {
    /// Every problem of `password` for an account with this login and display name.
    pub fn problems(
        &self,
        password: &str,
        login: &str,
        display_name: &str,
    ) -> Vec<PasswordProblem> {
        let length = password.chars().count();
        let mut problems = Vec::new();
        match *self {
            Self::Hosted {
                min_length,
                complexity,
            } => {
                if length < min_length {
                    problems.push(PasswordProblem::TooShort(min_length));
                }
                if length > 127 {
                    problems.push(PasswordProblem::TooLong(127));
                }
                if complexity {
                    if categories(password) < 3 {
                        problems.push(PasswordProblem::TooSimple);
                    }
                    if password.chars().any(char::is_whitespace) {
                        problems.push(PasswordProblem::WhiteSpace);
                    }
                    if is_personal(password, login, display_name) {
                        problems.push(PasswordProblem::Personal);
                    }
                }
            }
            Self::Zimbra => {
                if length < 10 {
                    problems.push(PasswordProblem::TooShort(10));
                }
                if length > 64 {
                    problems.push(PasswordProblem::TooLong(64));
                }
                let upper = password.chars().any(char::is_uppercase);
                let digit = password.chars().any(|c| c.is_ascii_digit());
                let symbol = password.chars().any(is_symbol);
                if !(upper && digit && symbol) {
                    problems.push(PasswordProblem::MissingKind);
                }
            }
            Self::Legacy => {
                if length < 9 {
                    problems.push(PasswordProblem::TooShort(9));
                }
                if length > 30 {
                    problems.push(PasswordProblem::TooLong(30));
                }
                let accented = password.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
                if accented || password.starts_with(' ') || password.ends_with(' ') {
                    problems.push(PasswordProblem::Forbidden);
                }
            }
        }
        problems
    }
}

fn is_symbol(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Upper case, lower case, digits, symbols, and letters without case.
fn categories(password: &str) -> usize {
    let kinds: [fn(char) -> bool; 5] = [
        char::is_uppercase,
        char::is_lowercase,
        |c| c.is_ascii_digit(),
        is_symbol,
        |c| c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase(),
    ];
    kinds
        .iter()
        .filter(|kind| password.chars().any(**kind))
        .count()
}

/// Letters are compared in ASCII case only: the full Unicode case tables would add about 9 KB
/// to the web bundle for accented capitals, and OVHcloud refuses such a password itself anyway.
fn is_personal(password: &str, login: &str, display_name: &str) -> bool {
    let lower = password.to_ascii_lowercase();
    if !login.is_empty() && lower.contains(&login.to_ascii_lowercase()) {
        return true;
    }
    display_name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|part| part.chars().count() >= 3)
        .any(|part| {
            let part: Vec<char> = part.to_ascii_lowercase().chars().collect();
            part.windows(3)
                .any(|w| lower.contains(&w.iter().collect::<String>()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTED: PasswordPolicy = PasswordPolicy::Hosted {
        min_length: 8,
        complexity: true,
    };

    #[test]
    fn a_strong_password_passes_everywhere_it_fits() {
        assert!(
            HOSTED
                .problems("Blue-Kettle-42", "john.smith", "John Smith")
                .is_empty()
        );
        assert!(
            PasswordPolicy::Zimbra
                .problems("Blue-Kettle-42", "j", "J")
                .is_empty()
        );
        assert!(
            PasswordPolicy::Legacy
                .problems("BlueKettle42", "j", "J")
                .is_empty()
        );
    }

    #[test]
    fn hosted_rules() {
        assert!(
            HOSTED
                .problems("Ab1!", "x", "")
                .contains(&PasswordProblem::TooShort(8))
        );
        assert!(
            HOSTED
                .problems("alllowercase", "x", "")
                .contains(&PasswordProblem::TooSimple)
        );
        assert!(
            HOSTED
                .problems("Blue Kettle 42", "x", "")
                .contains(&PasswordProblem::WhiteSpace)
        );
        assert!(
            HOSTED
                .problems("Smi-Kettle-42", "x", "John Smith")
                .contains(&PasswordProblem::Personal)
        );
        assert!(
            HOSTED
                .problems("john.smith-42A", "john.smith", "")
                .contains(&PasswordProblem::Personal)
        );
        let relaxed = PasswordPolicy::Hosted {
            min_length: 8,
            complexity: false,
        };
        assert!(relaxed.problems("alllowercase", "x", "").is_empty());
        assert!(
            relaxed
                .problems(&"a".repeat(128), "x", "")
                .contains(&PasswordProblem::TooLong(127))
        );
    }

    #[test]
    fn zimbra_and_legacy_rules() {
        assert!(
            PasswordPolicy::Zimbra
                .problems("Blue-Kettle", "j", "")
                .contains(&PasswordProblem::MissingKind)
        );
        assert!(
            PasswordPolicy::Zimbra
                .problems("Bk-4", "j", "")
                .contains(&PasswordProblem::TooShort(10))
        );
        assert!(
            PasswordPolicy::Legacy
                .problems("Élégant123", "j", "")
                .contains(&PasswordProblem::Forbidden)
        );
        assert!(
            PasswordPolicy::Legacy
                .problems(" Kettle1234", "j", "")
                .contains(&PasswordProblem::Forbidden)
        );
        assert!(
            PasswordPolicy::Legacy
                .problems(&"k".repeat(31), "j", "")
                .contains(&PasswordProblem::TooLong(30))
        );
    }

    #[test]
    fn problems_say_what_to_do() {
        assert_eq!(
            PasswordProblem::TooShort(8).to_string(),
            "it must have at least 8 characters"
        );
    }
}
