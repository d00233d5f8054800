//! Mailbox sizes: the unit OVHcloud reports them in and the platforms' limits, shared by the
//! wizard and the migration engine so the unit is assumed in one place.

use crate::service::Platform;

/// One gibibyte. The guide says "5 GB" and "10 GB"; the Control Panel's arithmetic is binary.
const GIB: u64 = 1024 * 1024 * 1024;

/// The most an MX Plan mailbox may hold (spec section 7).
pub const MX_PLAN_LIMIT: u64 = 5 * GIB;

/// The most an Email Pro mailbox may hold (spec section 7).
pub const EMAIL_PRO_LIMIT: u64 = 10 * GIB;

/// Bytes of `Account.currentUsage`.
///
/// *Unconfirmed*: the public API does not state the unit; the Control Panel's own arithmetic
/// implies KiB. This function is the only place that assumes it.
pub fn usage_bytes(current_usage: i64) -> u64 {
    u64::try_from(current_usage)
        .unwrap_or(0)
        .saturating_mul(1024)
}

/// Bytes of an Exchange-style `Account.quota`, which OVHcloud gives in GB (spec section 7).
pub fn quota_bytes(quota_gb: f64) -> u64 {
    if quota_gb.is_finite() && quota_gb > 0.0 {
        // Quotas are whole or half gigabytes at most; rounding to a byte cannot mislead.
        (quota_gb * GIB as f64).round() as u64
    } else {
        0
    }
}

/// The most a mailbox may hold on `platform`, where the guide sets a limit (spec section 7).
pub fn mailbox_limit(platform: Platform) -> Option<u64> {
    match platform {
        Platform::MxPlan | Platform::LegacyMxPlan => Some(MX_PLAN_LIMIT),
        Platform::EmailPro => Some(EMAIL_PRO_LIMIT),
        Platform::Exchange => None,
    }
}
