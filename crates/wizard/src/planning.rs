//! The plan page's rules: the engine's options and checks in the person's language, the
//! passwords typed, and whether the plan may be confirmed.

use mailshift_migrate::options::{OptionProblem, PasswordSource};
use mailshift_migrate::passwords::{self, Passwords};
use mailshift_migrate::plan::{Because, Leftover, NotRecreated};
use mailshift_migrate::{AccountPlan, Options, Plan};
use mailshift_migrate::{Finding, FindingKind, Right};
use mailshift_ovh::Secret;
use mailshift_ovh::password::PasswordProblem;

use crate::lang::Lang;
use crate::size::format_size;
use crate::text::Text;

/// An option's problem in words.
pub fn option_problem(problem: &OptionProblem, lang: Lang) -> String {
    match problem {
        OptionProblem::PatternPlaceholders => Text::OptPatternPlaceholders.get(lang).to_owned(),
        OptionProblem::PatternCharacters(c) => {
            Text::OptPatternCharacters.fill(lang, &[&c.to_string()])
        }
        OptionProblem::AtOnce(_) => Text::OptAtOnceRange.get(lang).to_owned(),
    }
}

/// A preflight finding in words, with its fix, prefixed by its account when it has one. The
/// engine's own values (a password's problem, a right's or a feature's name) stay as it gives
/// them.
pub fn finding_text(finding: &Finding, lang: Lang) -> String {
    let state = |s: &mailshift_ovh::models::ObjectState| Text::of_state(*s).get(lang);
    let text = match &finding.kind {
        FindingKind::DomainToAdd { domain } => Text::FindDomainToAdd.fill(lang, &[domain]),
        FindingKind::DomainNotReady { domain, state: s } => {
            Text::FindDomainNotReady.fill(lang, &[domain, state(s)])
        }
        FindingKind::DomainAuthoritative { domain } => {
            Text::FindDomainAuthoritative.fill(lang, &[domain])
        }
        FindingKind::CnameToPublish { domain, cname } => {
            Text::FindCname.fill(lang, &[domain, cname])
        }
        FindingKind::DomainFixed {
            domain,
            destination,
        } => Text::FindDomainFixed.fill(lang, &[domain, destination]),
        FindingKind::NotEnoughSlots { needed, ready } => {
            Text::FindNotEnoughSlots.fill(lang, &[&needed.to_string(), &ready.to_string()])
        }
        FindingKind::TooBig { size, limit } => Text::FindTooBig.fill(
            lang,
            &[&format_size(*size, lang), &format_size(*limit, lang)],
        ),
        FindingKind::NotReady { state: s } => Text::FindNotReady.fill(lang, &[state(s)]),
        FindingKind::Busy => Text::FindBusy.get(lang).to_owned(),
        FindingKind::NoProvisionalName => Text::FindNoProvisionalName.get(lang).to_owned(),
        FindingKind::AddressTaken => Text::FindAddressTaken.get(lang).to_owned(),
        FindingKind::WeakPassword { problem } => Text::FindWeakPassword.fill(lang, &[problem]),
        FindingKind::MissingPassword => Text::FindMissingPassword.get(lang).to_owned(),
        FindingKind::DelegateNotMoving { right, delegate } => {
            Text::FindDelegateNotMoving.fill(lang, &[delegate, right])
        }
        FindingKind::Unsupported { feature, count } => {
            Text::FindUnsupported.fill(lang, &[feature, &count.to_string()])
        }
    };
    match &finding.account {
        Some(account) => Text::FindingFor.fill(lang, &[account, &text]),
        None => text,
    }
}

/// What the plan will not recreate, and why, in words.
pub fn not_recreated_text(left: &NotRecreated, lang: Lang) -> String {
    let what = match &left.what {
        Leftover::Alias(alias) => Text::LeftAlias.fill(lang, &[alias]),
        Leftover::Delegation { right, delegate } => {
            let held = match right {
                Right::FullAccess => Text::LeftFullAccess,
                Right::SendAs => Text::LeftSendAs,
                Right::SendOnBehalfTo => Text::LeftSendOnBehalf,
            };
            held.fill(lang, &[delegate])
        }
        Leftover::Contact(address) => Text::LeftContact.fill(lang, &[address]),
        Leftover::Footer(domain) => Text::LeftFooter.fill(lang, &[domain]),
        Leftover::Group(address) => Text::LeftGroup.fill(lang, &[address]),
        Leftover::GroupMember { account, group } => {
            Text::LeftGroupMember.fill(lang, &[account, group])
        }
    };
    let why = match left.why {
        Because::LeftOut => Text::WhyLeftOut.get(lang).to_owned(),
        Because::CannotHold => Text::WhyCannotHold.get(lang).to_owned(),
        Because::NotMoving => Text::WhyNotMoving.fill(lang, &[left.what.name()]),
    };
    let line = Text::NotRecreatedLine.fill(lang, &[&what, &why]);
    match left.what {
        Leftover::Alias(_) => format!("{line} {}", Text::AliasStays.get(lang)),
        _ => line,
    }
}

/// A password's problem in words.
pub fn password_problem(problem: &PasswordProblem, lang: Lang) -> String {
    match problem {
        PasswordProblem::TooShort(n) => Text::PwTooShort.fill(lang, &[&n.to_string()]),
        PasswordProblem::TooLong(n) => Text::PwTooLong.fill(lang, &[&n.to_string()]),
        PasswordProblem::TooSimple => Text::PwTooSimple.get(lang).to_owned(),
        PasswordProblem::WhiteSpace => Text::PwWhiteSpace.get(lang).to_owned(),
        PasswordProblem::Personal => Text::PwPersonal.get(lang).to_owned(),
        PasswordProblem::MissingKind => Text::PwMissingKind.get(lang).to_owned(),
        PasswordProblem::Forbidden => Text::PwForbidden.get(lang).to_owned(),
    }
}

/// What is wrong with `typed` as the destination password of `account`, checked as typed.
pub fn typed_password_problems(
    plan: &Plan,
    account: &AccountPlan,
    typed: &str,
) -> Vec<PasswordProblem> {
    passwords::check(
        plan.destination_policy,
        typed,
        &account.login,
        account.display_name.as_deref().unwrap_or_default(),
    )
}

/// The typed passwords that fit, for the plan and the run: one that does not fit is left
/// out, so that the plan's check names the account.
pub fn given_passwords(plan: &Plan, typed: &[(String, String)]) -> Passwords {
    let mut given = Passwords::new();
    for (address, password) in typed {
        let fits = plan
            .account(address)
            .is_some_and(|a| typed_password_problems(plan, a, password).is_empty());
        if fits {
            given.set(address, Secret::new(password.clone()));
        }
    }
    given
}

/// Whether the person may confirm `plan` made with `options`: the options can be used and
/// nothing blocks the whole run.
pub fn may_confirm(plan: &Plan, options: &Options) -> bool {
    options.problems().is_empty() && plan.can_run()
}

/// Whether the passwords are typed (one field per account shown).
pub fn typed(options: &Options) -> bool {
    options.passwords == PasswordSource::Given
}

/// A duration in whole minutes, at least one.
pub fn minutes(seconds: u64) -> u64 {
    seconds.div_ceil(60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_recreated_is_said_in_both_languages_with_its_names() {
        let delegation = |right| Leftover::Delegation {
            right,
            delegate: "m@d.fr".into(),
        };
        let leftovers = [
            Leftover::Alias("a@d.fr".into()),
            delegation(Right::FullAccess),
            delegation(Right::SendAs),
            delegation(Right::SendOnBehalfTo),
            Leftover::Contact("c@out.fr".into()),
            Leftover::Footer("d.fr".into()),
            Leftover::Group("g@d.fr".into()),
            Leftover::GroupMember {
                account: "m@d.fr".into(),
                group: "g@d.fr".into(),
            },
        ];
        let mut lines = Vec::new();
        for what in leftovers {
            for why in [Because::LeftOut, Because::CannotHold, Because::NotMoving] {
                let left = NotRecreated {
                    what: what.clone(),
                    why,
                };
                let (english, french) = (
                    not_recreated_text(&left, Lang::En),
                    not_recreated_text(&left, Lang::Fr),
                );
                assert_ne!(english, french, "{left:?}");
                for text in [&english, &french] {
                    assert!(text.contains(what.name()) && !text.contains('{'), "{text}");
                }
                lines.push(english);
            }
        }
        lines.sort_unstable();
        lines.dedup();
        assert_eq!(lines.len(), 8 * 3, "each case its own words");
    }
    use crate::test_plan;
    use mailshift_ovh::password::PasswordPolicy;

    fn plan() -> Plan {
        let mut plan = test_plan::plan(vec![test_plan::account(
            "claire@d.fr",
            "claire",
            Some("Claire Martin"),
        )]);
        plan.destination_policy = PasswordPolicy::Hosted {
            min_length: 10,
            complexity: true,
        };
        plan
    }

    #[test]
    fn typed_passwords_are_checked_as_typed_and_only_fitting_ones_are_given() {
        let plan = plan();
        let claire = &plan.accounts[0];
        assert_eq!(
            typed_password_problems(&plan, claire, "short"),
            [PasswordProblem::TooShort(10), PasswordProblem::TooSimple]
        );
        assert!(typed_password_problems(&plan, claire, "Xq7!vR2#pL9z").is_empty());
        let typed = [
            ("claire@d.fr".to_owned(), "Xq7!vR2#pL9z".to_owned()),
            ("nobody@d.fr".to_owned(), "Xq7!vR2#pL9z".to_owned()),
        ];
        let given = given_passwords(&plan, &typed);
        assert!(given.get("claire@d.fr").is_some() && given.get("nobody@d.fr").is_none());
        let weak = given_passwords(&plan, &[("claire@d.fr".into(), "claire-Martin1".into())]);
        assert!(weak.get("claire@d.fr").is_none(), "personal: not given");
    }

    #[test]
    fn findings_read_in_both_languages_with_their_account_and_values() {
        let taken = Finding::blocking(Some("a@d.fr"), FindingKind::AddressTaken);
        assert_eq!(
            finding_text(&taken, Lang::Fr),
            "a@d.fr : L'adresse existe déjà sur la destination. Supprimez-la là-bas, ou laissez ce compte de côté."
        );
        let big = Finding::blocking(
            None,
            FindingKind::TooBig {
                size: 6 * 1024 * 1024 * 1024,
                limit: 5 * 1024 * 1024 * 1024,
            },
        );
        assert_eq!(
            finding_text(&big, Lang::En),
            "The mailbox holds 6.0\u{a0}GB, more than the destination's 5.0\u{a0}GB. Empty it below the limit first, or choose a larger destination."
        );
        let cname = Finding::warning(
            None,
            FindingKind::CnameToPublish {
                domain: "d.fr".into(),
                cname: "ovh123.d.fr".into(),
            },
        );
        assert!(finding_text(&cname, Lang::Fr).contains("nommé ovh123.d.fr"));
    }

    #[test]
    fn problems_read_in_both_languages_and_block_the_confirmation() {
        let mut options = Options::default();
        let plan = plan();
        assert!(may_confirm(&plan, &options));
        options.at_once = 0;
        assert!(!may_confirm(&plan, &options));
        let problem = &options.problems()[0];
        assert_eq!(
            option_problem(problem, Lang::En),
            "Accounts at the same time: between 1 and 10."
        );
        assert!(option_problem(problem, Lang::Fr).starts_with("Comptes"));
        assert_eq!(
            password_problem(&PasswordProblem::TooShort(9), Lang::Fr),
            "Il doit avoir au moins 9 caractères."
        );
        assert_eq!((minutes(0), minutes(61)), (1, 2));
    }
}
