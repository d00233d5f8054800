//! The HTTP methods OVHcloud's API uses (`auth.HTTPMethodEnum`).

use std::fmt;

/// An HTTP method of the OVH API.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    miniserde::Serialize,
    miniserde::Deserialize,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Method {
    /// Read.
    #[serde(rename = "GET")]
    Get,
    /// Create or act.
    #[serde(rename = "POST")]
    Post,
    /// Update.
    #[serde(rename = "PUT")]
    Put,
    /// Delete.
    #[serde(rename = "DELETE")]
    Delete,
}

impl Method {
    /// The method's name as sent and signed.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }

    /// Whether repeating the call cannot change anything, so a failed attempt may be retried.
    pub fn is_read(self) -> bool {
        self == Self::Get
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
