//! The languages the pages are written in.

/// A language of the interface.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize,
)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// French.
    #[serde(rename = "fr")]
    Fr,
}

impl Lang {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Self; 2] = [Self::En, Self::Fr];

    /// The BCP 47 code, for the page's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    /// The language's own name, as the switcher shows it whatever the current language.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Fr => "Français",
        }
    }

    /// The first supported language among the browser's preferred ones, else English.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Self {
        tags.into_iter()
            .find_map(|tag| {
                let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
                Self::ALL.into_iter().find(|lang| lang.code() == primary)
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_first_supported_browser_language() {
        assert_eq!(Lang::preferred(["de-DE", "fr-CA", "en"]), Lang::Fr);
        assert_eq!(Lang::preferred(["EN_gb"]), Lang::En);
        assert_eq!(Lang::preferred(["de", "it"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
    }
}
