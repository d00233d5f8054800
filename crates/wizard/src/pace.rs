//! How fast to go: OVHcloud's pace, or a sandbox's, whose clock runs faster than OVHcloud's by
//! what it says of itself (`GET /sandbox/clock`).

use std::time::Duration;

use mailshift_migrate::engine::Timing;
use mailshift_migrate::plan::Pace;

/// OVHcloud tasks take about this long (the engine's default pace).
const OVH_TASK_MS: u64 = 60_000;

/// Calls a minute per consumer key on OVHcloud, with bursts of [`BURST`]: any minute stays at
/// 60 calls or fewer, under what OVHcloud staff call safe per key, with a burst large enough
/// that discovering a typical account does not wait.
pub const OVH_PER_MINUTE: u32 = 40;

/// The burst of the client's pace.
pub const BURST: u32 = 20;

/// The engine's waits and the client's rate for one endpoint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EndpointPace {
    /// How the engine waits for tasks.
    pub timing: Timing,
    /// Calls a minute per consumer key.
    pub per_minute: u32,
}

/// OVHcloud's pace, or, given a sandbox's typical task, the same pace with time running as
/// much faster as the sandbox's tasks are shorter: as many calls per task, as many looks per
/// wait.
pub fn pace(sandbox_task_ms: Option<u64>) -> EndpointPace {
    let ovh = EndpointPace {
        timing: Timing::default(),
        per_minute: OVH_PER_MINUTE,
    };
    let Some(task_ms) = sandbox_task_ms else {
        return ovh;
    };
    // A sandbox whose tasks end at once still gets a few milliseconds between looks.
    let task_ms = task_ms.clamp(60, OVH_TASK_MS);
    let speed = OVH_TASK_MS / task_ms;
    let task = Duration::from_millis(task_ms);
    let per_minute = OVH_PER_MINUTE.saturating_mul(u32::try_from(speed).unwrap_or(u32::MAX));
    EndpointPace {
        timing: Timing {
            pace: Pace {
                per_minute,
                task,
                settle: task * 3 / 4,
                poll: (task / 12).max(Duration::from_millis(5)),
            },
            deadline: (ovh.timing.deadline / u32::try_from(speed).unwrap_or(1).max(1))
                .max(Duration::from_secs(60)),
            attempts: ovh.timing.attempts,
        },
        per_minute,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ovhcloud_keeps_its_pace_and_a_sandbox_scales_it_by_its_clock() {
        let ovh = pace(None);
        assert_eq!(ovh.timing, Timing::default());
        assert_eq!(ovh.per_minute, 40);
        let believable = pace(Some(6_000));
        assert_eq!(believable.per_minute, 400);
        assert_eq!(believable.timing.pace.settle, Duration::from_millis(4_500));
        assert_eq!(believable.timing.pace.poll, Duration::from_millis(500));
        assert_eq!(believable.timing.deadline, Duration::from_secs(270));
        let instant = pace(Some(0));
        assert_eq!(instant.per_minute, 40_000);
        assert_eq!(instant.timing.pace.poll, Duration::from_millis(5));
        assert_eq!(instant.timing.deadline, Duration::from_secs(60));
        assert_eq!(
            pace(Some(600_000)).per_minute,
            40,
            "never slower than OVHcloud"
        );
    }
}
