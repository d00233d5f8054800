//! Reading how many tests passed and failed from a test runner's output.

use std::fmt;
use std::ops::AddAssign;

/// Passed and failed test counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
}

impl Counts {
    /// Whether any test ran at all.
    pub fn ran_any(self) -> bool {
        self.passed + self.failed > 0
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} passed, {} failed", self.passed, self.failed)
    }
}

/// Sums every libtest `test result:` line (cargo test and wasm-bindgen-test-runner print one
/// per test binary).
pub fn from_libtest(output: &str) -> Counts {
    let mut total = Counts::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        // "ok. 3 passed; 0 failed; 0 ignored; ..."
        let fields = rest.split_once(". ").map_or(rest, |(_, fields)| fields);
        for field in fields.split(';') {
            match field.split_whitespace().collect::<Vec<_>>().as_slice() {
                [n, "passed"] => total.passed += n.parse().unwrap_or(0),
                [n, "failed"] => total.failed += n.parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    total
}

/// Reads the closing `pass N` / `fail N` lines of Node's test runner (spec or TAP reporter).
pub fn from_node_test(output: &str) -> Counts {
    let mut total = Counts::default();
    for line in output.lines() {
        let line = line.trim().trim_start_matches(['ℹ', '#']).trim();
        match line.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["pass", n] => total.passed = n.parse().unwrap_or(0),
            ["fail", n] => total.failed = n.parse().unwrap_or(0),
            _ => {}
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_every_libtest_binary() {
        let output = "\
running 3 tests
test a ... ok
test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 0 tests
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

test result: FAILED. 4 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.20s
";
        assert_eq!(
            from_libtest(output),
            Counts {
                passed: 7,
                failed: 2
            }
        );
    }

    #[test]
    fn libtest_output_without_results_counts_nothing() {
        let counts = from_libtest("error: could not compile `x`\n");
        assert!(!counts.ran_any());
    }

    #[test]
    fn reads_node_spec_and_tap_summaries() {
        let spec =
            "✔ shows the shell (812ms)\nℹ tests 3\nℹ suites 0\nℹ pass 2\nℹ fail 1\nℹ cancelled 0\n";
        assert_eq!(
            from_node_test(spec),
            Counts {
                passed: 2,
                failed: 1
            }
        );
        let tap = "ok 1 - a\n# tests 1\n# pass 1\n# fail 0\n";
        assert_eq!(
            from_node_test(tap),
            Counts {
                passed: 1,
                failed: 0
            }
        );
    }

    #[test]
    fn prints_in_the_closing_line_format() {
        let counts = Counts {
            passed: 5,
            failed: 0,
        };
        assert_eq!(counts.to_string(), "5 passed, 0 failed");
    }
}
