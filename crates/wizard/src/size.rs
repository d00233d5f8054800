//! Mailbox sizes: the unit OVHcloud reports them in, the platforms' limits, and how a person
//! reads them.

use crate::lang::Lang;

pub use mailshift_ovh::size::{EMAIL_PRO_LIMIT, MX_PLAN_LIMIT, quota_bytes, usage_bytes};

/// A size for people: "5.2 GB" in English, "5,2 Go" in French.
///
/// Integer arithmetic only: formatting floats would add float-printing code to the page.
pub fn format_size(bytes: u64, lang: Lang) -> String {
    const UNITS_EN: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    const UNITS_FR: [&str; 5] = ["o", "Ko", "Mo", "Go", "To"];
    let units = match lang {
        Lang::En => UNITS_EN,
        Lang::Fr => UNITS_FR,
    };
    // No overflow in u64: the divisor is at most 2^40, so a remainder times ten stays small.
    let tenths_in =
        |divisor: u64| (bytes / divisor) * 10 + ((bytes % divisor) * 10 + divisor / 2) / divisor;
    let mut unit = 0;
    let mut divisor: u64 = 1;
    while unit < units.len() - 1 && bytes / 1024 >= divisor {
        divisor *= 1024;
        unit += 1;
    }
    let mut tenths = tenths_in(divisor);
    // Rounding can reach the next unit: 1,048,575 bytes reads "1.0 MB", not "1024 KB".
    if tenths >= 10 * 1024 && unit < units.len() - 1 {
        divisor *= 1024;
        unit += 1;
        tenths = tenths_in(divisor);
    }
    let text = if unit == 0 || tenths >= 1000 {
        ((tenths + 5) / 10).to_string()
    } else {
        let separator = match lang {
            Lang::En => '.',
            Lang::Fr => ',',
        };
        format!("{}{separator}{}", tenths / 10, tenths % 10)
    };
    format!("{text}\u{a0}{}", units[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_is_read_as_kibibytes() {
        assert_eq!(usage_bytes(1), 1024);
        assert_eq!(usage_bytes(-5), 0);
        assert_eq!(usage_bytes(5 * 1024 * 1024), MX_PLAN_LIMIT);
    }

    #[test]
    fn quotas_are_gigabytes() {
        assert_eq!(quota_bytes(10.0), EMAIL_PRO_LIMIT);
        assert_eq!(quota_bytes(f64::NAN), 0);
        assert_eq!(quota_bytes(-1.0), 0);
    }

    #[test]
    fn sizes_read_naturally_in_each_language() {
        assert_eq!(format_size(0, Lang::En), "0\u{a0}B");
        assert_eq!(format_size(1536, Lang::En), "1.5\u{a0}KB");
        assert_eq!(format_size(MX_PLAN_LIMIT, Lang::Fr), "5,0\u{a0}Go");
        assert_eq!(format_size(300 * 1024 * 1024, Lang::En), "300\u{a0}MB");
        assert_eq!(format_size(1023, Lang::En), "1023\u{a0}B");
        assert_eq!(format_size(1024 * 1024 - 1, Lang::En), "1.0\u{a0}MB");
        assert_eq!(format_size(u64::MAX, Lang::En), "16777216\u{a0}TB");
    }
}
