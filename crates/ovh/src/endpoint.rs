//! Where API calls are addressed: one of OVHcloud's public API regions, or a custom base URL.

use std::fmt;

/// An API endpoint: OVHcloud's Europe, Canada or US region, or a custom base URL (the sandbox).
///
/// The base URL is the *canonical upstream* address, the one request signatures cover, even
/// when the request itself travels through the CORS proxy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// OVHcloud Europe, `https://eu.api.ovh.com/1.0`.
    OvhEu,
    /// OVHcloud Canada, `https://ca.api.ovh.com/1.0`.
    OvhCa,
    /// OVHcloud US, `https://api.us.ovhcloud.com/1.0`.
    OvhUs,
    /// Any other API base URL, such as the Mailshift sandbox.
    Custom(CustomBaseUrl),
}

/// A validated custom base URL: `http` or `https`, a host, no query, no fragment, no trailing `/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CustomBaseUrl(String);

/// Why a custom base URL was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointError {
    /// The URL does not start with `http://` or `https://`.
    Scheme,
    /// The URL has no host after the scheme.
    MissingHost,
    /// The URL carries a query string, a fragment, or white space.
    Unexpected(char),
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Scheme => f.write_str("the API base URL must start with http:// or https://"),
            Self::MissingHost => f.write_str("the API base URL has no host name"),
            Self::Unexpected(c) => write!(f, "the API base URL must not contain {c:?}"),
        }
    }
}

impl std::error::Error for EndpointError {}

impl Endpoint {
    /// OVHcloud's public regions, in the order a person would expect to choose among them.
    pub const OVH_REGIONS: [Endpoint; 3] = [Endpoint::OvhEu, Endpoint::OvhCa, Endpoint::OvhUs];

    /// A custom endpoint from a base URL such as `http://127.0.0.1:8081/1.0`.
    pub fn custom(base_url: &str) -> Result<Self, EndpointError> {
        let trimmed = base_url.trim().trim_end_matches('/');
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"))
            .ok_or(EndpointError::Scheme)?;
        if let Some(c) = rest
            .chars()
            .find(|c| matches!(c, '?' | '#') || c.is_whitespace())
        {
            return Err(EndpointError::Unexpected(c));
        }
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || host.starts_with(':') {
            return Err(EndpointError::MissingHost);
        }
        Ok(Self::Custom(CustomBaseUrl(trimmed.to_owned())))
    }

    /// The short name OVHcloud's own clients use (`ovh-eu`, `ovh-ca`, `ovh-us`), or `custom`.
    pub fn id(&self) -> &'static str {
        match self {
            Self::OvhEu => "ovh-eu",
            Self::OvhCa => "ovh-ca",
            Self::OvhUs => "ovh-us",
            Self::Custom(_) => "custom",
        }
    }

    /// The canonical base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        match self {
            Self::OvhEu => "https://eu.api.ovh.com/1.0",
            Self::OvhCa => "https://ca.api.ovh.com/1.0",
            Self::OvhUs => "https://api.us.ovhcloud.com/1.0",
            Self::Custom(url) => &url.0,
        }
    }

    /// Whether OVHcloud sells its email products (Exchange, Email Pro, MX Plan) in this region.
    ///
    /// A custom endpoint is assumed to: the sandbox models them.
    pub fn offers_email(&self) -> bool {
        !matches!(self, Self::OvhUs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_have_the_documented_base_urls() {
        let urls: Vec<_> = Endpoint::OVH_REGIONS
            .iter()
            .map(Endpoint::base_url)
            .collect();
        assert_eq!(
            urls,
            [
                "https://eu.api.ovh.com/1.0",
                "https://ca.api.ovh.com/1.0",
                "https://api.us.ovhcloud.com/1.0"
            ]
        );
        let ids: Vec<_> = Endpoint::OVH_REGIONS.iter().map(Endpoint::id).collect();
        assert_eq!(ids, ["ovh-eu", "ovh-ca", "ovh-us"]);
    }

    #[test]
    fn email_products_live_on_eu_and_ca_only() {
        assert!(Endpoint::OvhEu.offers_email());
        assert!(Endpoint::OvhCa.offers_email());
        assert!(!Endpoint::OvhUs.offers_email());
    }

    #[test]
    fn custom_base_url_is_normalised() {
        let endpoint = Endpoint::custom("  http://127.0.0.1:8081/1.0/ ").expect("valid URL");
        assert_eq!(endpoint.base_url(), "http://127.0.0.1:8081/1.0");
        assert_eq!(endpoint.id(), "custom");
        assert!(endpoint.offers_email());
    }

    #[test]
    fn custom_base_url_is_checked() {
        assert_eq!(Endpoint::custom("ftp://x/1.0"), Err(EndpointError::Scheme));
        assert_eq!(
            Endpoint::custom("eu.api.ovh.com"),
            Err(EndpointError::Scheme)
        );
        assert_eq!(
            Endpoint::custom("https:///1.0"),
            Err(EndpointError::MissingHost)
        );
        assert_eq!(
            Endpoint::custom("http://:80/1.0"),
            Err(EndpointError::MissingHost)
        );
        assert_eq!(
            Endpoint::custom("https://h/1.0?x=1"),
            Err(EndpointError::Unexpected('?'))
        );
        assert_eq!(
            Endpoint::custom("https://h/1.0#top"),
            Err(EndpointError::Unexpected('#'))
        );
        assert_eq!(
            Endpoint::custom("https://h/a b"),
            Err(EndpointError::Unexpected(' '))
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(EndpointError::Scheme.to_string().contains("https://"));
        assert!(EndpointError::Unexpected('?').to_string().contains("'?'"));
    }
}
