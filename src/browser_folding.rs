//! The browser's Unicode rules behind the wizard's [`Folding`] trait.

use js_sys::JsString;
use mailshift_wizard::table::Folding;

/// Lower case and without accents, by the browser's `toLowerCase` and `normalize("NFD")`:
/// a search for "emile" finds "Émile", and "Émile" sorts among the E.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserFolding;

/// The combining diacritical marks that `normalize("NFD")` splits off accented letters.
const COMBINING_MARKS: std::ops::RangeInclusive<char> = '\u{300}'..='\u{36f}';

impl Folding for BrowserFolding {
    fn fold(&self, text: &str) -> String {
        // Most addresses are ASCII: no need to cross into JavaScript for them.
        if text.is_ascii() {
            return text.to_ascii_lowercase();
        }
        let decomposed: String = JsString::from(text).to_lower_case().normalize("NFD").into();
        decomposed
            .chars()
            .filter(|c| !COMBINING_MARKS.contains(c))
            .collect()
    }
}
