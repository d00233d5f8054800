//! The API endpoints a person can pick from, with the words the page uses for them.

use mailshift_ovh::Endpoint;

use crate::lang::Lang;
use crate::text::Text;

/// One of the four API endpoints offered on the first page.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize,
)]
pub enum EndpointChoice {
    /// OVHcloud Europe.
    #[default]
    #[serde(rename = "ovh-eu")]
    OvhEu,
    /// OVHcloud Canada.
    #[serde(rename = "ovh-ca")]
    OvhCa,
    /// OVHcloud US.
    #[serde(rename = "ovh-us")]
    OvhUs,
    /// The local OVH API sandbox, for trying Mailshift without real mailboxes.
    #[serde(rename = "sandbox")]
    Sandbox,
}

impl EndpointChoice {
    /// Every choice, in display order.
    pub const ALL: [Self; 4] = [Self::OvhEu, Self::OvhCa, Self::OvhUs, Self::Sandbox];

    /// A stable identifier, used for form values and as the proxy's upstream name.
    pub fn id(self) -> &'static str {
        self.ovh_endpoint()
            .map_or("sandbox", |endpoint| endpoint.id())
    }

    /// The name a person sees.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::OvhEu => "OVH Europe",
            Self::OvhCa => "OVH Canada",
            Self::OvhUs => "OVH US",
            Self::Sandbox => Text::SandboxName.get(lang),
        }
    }

    /// The OVHcloud region behind this choice; `None` for the sandbox, whose address is given
    /// by the server that started it.
    pub fn ovh_endpoint(self) -> Option<Endpoint> {
        match self {
            Self::OvhEu => Some(Endpoint::OvhEu),
            Self::OvhCa => Some(Endpoint::OvhCa),
            Self::OvhUs => Some(Endpoint::OvhUs),
            Self::Sandbox => None,
        }
    }

    /// One sentence on when to pick this endpoint.
    pub fn hint(self) -> Text {
        match self {
            Self::OvhEu => Text::EndpointHintEu,
            Self::OvhCa => Text::EndpointHintCa,
            Self::OvhUs => Text::EndpointHintUs,
            Self::Sandbox => Text::EndpointHintSandbox,
        }
    }

    /// A warning to show when the choice cannot carry a migration as people usually expect.
    pub fn warning(self) -> Option<Text> {
        match self.ovh_endpoint() {
            Some(endpoint) if !endpoint.offers_email() => Some(Text::EndpointWarningUs),
            _ => None,
        }
    }

    /// The choice with this identifier.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_match_ovh_names() {
        let ids: Vec<_> = EndpointChoice::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids, ["ovh-eu", "ovh-ca", "ovh-us", "sandbox"]);
        for choice in EndpointChoice::ALL {
            assert_eq!(EndpointChoice::from_id(choice.id()), Some(choice));
            let saved = mailshift_ovh::json::to_string(&choice);
            assert_eq!(saved, format!("\"{}\"", choice.id()));
        }
    }

    #[test]
    fn only_the_us_region_warns() {
        let warned: Vec<_> = EndpointChoice::ALL
            .into_iter()
            .filter(|c| c.warning().is_some())
            .collect();
        assert_eq!(warned, [EndpointChoice::OvhUs]);
    }

    #[test]
    fn sandbox_has_no_fixed_address() {
        assert_eq!(EndpointChoice::Sandbox.ovh_endpoint(), None);
        assert_eq!(
            EndpointChoice::OvhCa
                .ovh_endpoint()
                .map(|e| e.base_url().to_owned()),
            Some("https://ca.api.ovh.com/1.0".to_owned())
        );
    }
}
