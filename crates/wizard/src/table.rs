//! The account table's search, sort and selection, kept apart from how it is drawn.

use miniserde::de::{Seq, Visitor};
use miniserde::ser::Fragment;

use crate::inventory::AccountRow;

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// The primary address.
    #[default]
    Address,
    /// The display name.
    DisplayName,
    /// The mailbox size.
    Size,
    /// The state.
    State,
}

impl SortKey {
    /// A stable identifier, for the page's markup.
    pub fn id(self) -> &'static str {
        match self {
            Self::Address => "address",
            Self::DisplayName => "displayName",
            Self::Size => "size",
            Self::State => "state",
        }
    }
}

/// How texts are folded before they are compared, so that a search or a sort by name ignores
/// case (and, where the implementation can, accents).
///
/// A trait because the full Unicode tables behind [`str::to_lowercase`] weigh about 8 KB of the
/// web app's gzip bundle, while the browser already holds them: the app folds with the browser's
/// rules, native code with [`PlainFolding`].
pub trait Folding {
    /// The form of `text` that is compared.
    fn fold(&self, text: &str) -> String;
}

/// Case folding by Rust's standard library (accents are kept).
#[derive(Clone, Copy, Debug, Default)]
pub struct PlainFolding;

impl Folding for PlainFolding {
    fn fold(&self, text: &str) -> String {
        text.to_lowercase()
    }
}

/// How the table is searched and sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableView {
    /// Text to find in the address or the display name, compared folded.
    pub search: String,
    /// The sort column.
    pub sort: SortKey,
    /// Largest or last first.
    pub descending: bool,
}

impl TableView {
    /// The rows to show, in order; texts are compared as `folding` folds them.
    pub fn rows<'a>(&self, rows: &'a [AccountRow], folding: &dyn Folding) -> Vec<&'a AccountRow> {
        let needle = folding.fold(self.search.trim());
        let mut shown: Vec<&AccountRow> = rows
            .iter()
            .filter(|row| {
                needle.is_empty()
                    || folding.fold(&row.address).contains(&needle)
                    || folding.fold(&row.display_name).contains(&needle)
            })
            .collect();
        // The address breaks ties, so the order is total and an unstable sort gives the stable
        // result; it is the smaller of the two in the web bundle (0.9 KB gzip).
        shown.sort_unstable_by(|a, b| {
            let order = match self.sort {
                SortKey::Address => a.address.cmp(&b.address),
                SortKey::DisplayName => folding
                    .fold(&a.display_name)
                    .cmp(&folding.fold(&b.display_name)),
                SortKey::Size => a.size.cmp(&b.size),
                // In the order the states are declared: `ok` first.
                SortKey::State => (a.state as u8).cmp(&(b.state as u8)),
            }
            .then_with(|| a.address.cmp(&b.address));
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        shown
    }

    /// Sorts by `key`, or flips the order when it already sorts by it.
    pub fn sort_by(&mut self, key: SortKey) {
        if self.sort == key {
            self.descending = !self.descending;
        } else {
            self.sort = key;
            self.descending = false;
        }
    }
}

/// The chosen accounts, by address.
///
/// A sorted list rather than a set: the same lookups, and a far smaller web bundle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection(Vec<String>);

impl miniserde::Serialize for Selection {
    fn begin(&self) -> Fragment<'_> {
        self.0.begin()
    }
}

miniserde::make_place!(Place);

/// Read as the list it is saved as, whatever order and repeats it holds.
impl Visitor for Place<Selection> {
    fn seq(&mut self) -> miniserde::Result<Box<dyn Seq + '_>> {
        Ok(Box::new(Addresses {
            out: &mut self.out,
            read: Vec::new(),
            next: None,
        }))
    }
}

/// The addresses of a saved selection, as they are read.
struct Addresses<'a> {
    out: &'a mut Option<Selection>,
    read: Vec<String>,
    next: Option<String>,
}

impl Seq for Addresses<'_> {
    fn element(&mut self) -> miniserde::Result<&mut dyn Visitor> {
        self.read.extend(self.next.take());
        Ok(miniserde::Deserialize::begin(&mut self.next))
    }

    fn finish(&mut self) -> miniserde::Result<()> {
        self.read.extend(self.next.take());
        *self.out = Some(Selection::from(std::mem::take(&mut self.read)));
        Ok(())
    }
}

impl miniserde::Deserialize for Selection {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

impl From<Vec<String>> for Selection {
    /// Whatever order and repeats were saved.
    fn from(addresses: Vec<String>) -> Self {
        let mut selection = Self::default();
        for address in addresses {
            selection.add(address);
        }
        selection
    }
}

impl Selection {
    fn find(&self, address: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|a| a.as_str().cmp(address))
    }

    fn add(&mut self, address: String) {
        if let Err(at) = self.find(&address) {
            self.0.insert(at, address);
        }
    }

    /// Whether `address` is chosen.
    pub fn contains(&self, address: &str) -> bool {
        self.find(address).is_ok()
    }

    /// Chooses or unchooses one account.
    pub fn toggle(&mut self, address: &str) {
        match self.find(address) {
            Ok(at) => {
                self.0.remove(at);
            }
            Err(at) => self.0.insert(at, address.to_owned()),
        }
    }

    /// Chooses every shown row that can move.
    pub fn select_all<'a>(&mut self, shown: impl IntoIterator<Item = &'a AccountRow>) {
        for row in shown {
            if row.blockers.is_empty() {
                self.add(row.address.clone());
            }
        }
    }

    /// Unchooses everything.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// How many are chosen.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing is chosen.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps only addresses the source still has, after a reload.
    pub fn retain_known(&mut self, rows: &[AccountRow]) {
        self.0.retain(|a| rows.iter().any(|r| r.address == *a));
    }

    /// The chosen addresses, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Blocker;
    use mailshift_ovh::models::ObjectState;

    fn row(address: &str, name: &str, size: u64, blocked: bool) -> AccountRow {
        AccountRow {
            id: 0,
            address: address.into(),
            display_name: name.into(),
            size: Some(size),
            state: ObjectState::Ok,
            blockers: if blocked {
                vec![Blocker::NotReady(ObjectState::Suspended)]
            } else {
                Vec::new()
            },
        }
    }

    fn rows() -> Vec<AccountRow> {
        vec![
            row("b@d.fr", "Zoé Martin", 30, false),
            row("a@d.fr", "alain Petit", 10, false),
            row("c@d.fr", "Claire Zed", 20, true),
        ]
    }

    /// The addresses `view` shows of `rows`, in order, folded as natively.
    fn shown(view: &TableView, rows: &[AccountRow]) -> Vec<String> {
        view.rows(rows, &PlainFolding)
            .iter()
            .map(|r| r.address.clone())
            .collect()
    }

    #[test]
    fn searches_address_and_name_ignoring_case() {
        let rows = rows();
        let view = TableView {
            search: " ZE".into(),
            ..TableView::default()
        };
        assert_eq!(shown(&view, &rows), ["c@d.fr"]);
        let view = TableView {
            search: "a@".into(),
            ..TableView::default()
        };
        assert_eq!(shown(&view, &rows), ["a@d.fr"]);
    }

    #[test]
    fn sorts_and_flips() {
        let rows = rows();
        let mut view = TableView::default();
        assert_eq!(shown(&view, &rows), ["a@d.fr", "b@d.fr", "c@d.fr"]);
        view.sort_by(SortKey::Size);
        assert_eq!(shown(&view, &rows), ["a@d.fr", "c@d.fr", "b@d.fr"]);
        view.sort_by(SortKey::Size);
        assert_eq!(shown(&view, &rows), ["b@d.fr", "c@d.fr", "a@d.fr"]);
        view.sort_by(SortKey::DisplayName);
        assert_eq!(shown(&view, &rows), ["a@d.fr", "c@d.fr", "b@d.fr"]);
        let mut mixed = rows.clone();
        mixed[1].state = ObjectState::Suspended;
        view.sort_by(SortKey::State);
        assert_eq!(shown(&view, &mixed), ["b@d.fr", "c@d.fr", "a@d.fr"]);
    }

    #[test]
    fn equal_keys_keep_the_address_order_whatever_the_input_order() {
        // Sizes repeat, and the input is scrambled: the sort is unstable, the order must not be.
        let rows: Vec<AccountRow> = (0..40)
            .map(|i| (i * 17) % 40)
            .map(|i| row(&format!("{i:02}@d.fr"), "Same Name", i % 3, false))
            .collect();
        let mut view = TableView::default();
        view.sort_by(SortKey::Size);
        let ascending = shown(&view, &rows);
        for size in 0..3 {
            let group: Vec<&String> = ascending
                .iter()
                .filter(|a| a[..2].parse::<u64>().is_ok_and(|i| i % 3 == size))
                .collect();
            assert!(group.is_sorted(), "size {size}: {group:?}");
        }
        view.sort_by(SortKey::Size);
        let descending = shown(&view, &rows);
        assert_eq!(descending, ascending.into_iter().rev().collect::<Vec<_>>());
        view.sort_by(SortKey::DisplayName);
        assert!(shown(&view, &rows).is_sorted());
    }

    #[test]
    fn select_all_skips_blocked_rows_and_respects_the_search() {
        let rows = rows();
        let mut selection = Selection::default();
        selection.select_all(TableView::default().rows(&rows, &PlainFolding));
        assert_eq!(selection.iter().collect::<Vec<_>>(), ["a@d.fr", "b@d.fr"]);
        selection.clear();
        let view = TableView {
            search: "zoé".into(),
            ..TableView::default()
        };
        selection.select_all(view.rows(&rows, &PlainFolding));
        assert_eq!(selection.len(), 1);
        selection.toggle("b@d.fr");
        assert!(selection.is_empty());
    }

    #[test]
    fn a_saved_selection_in_any_order_reads_back_sorted_without_repeats() {
        let saved = r#"["b@d.fr","a@d.fr","b@d.fr"]"#;
        let selection: Selection =
            mailshift_ovh::json::from_str(saved).expect("a list of addresses");
        assert_eq!(selection.iter().collect::<Vec<_>>(), ["a@d.fr", "b@d.fr"]);
        assert!(selection.contains("b@d.fr") && !selection.contains("c@d.fr"));
        let written = mailshift_ovh::json::to_string(&selection);
        assert_eq!(written, r#"["a@d.fr","b@d.fr"]"#);
    }

    #[test]
    fn forgets_addresses_the_source_no_longer_has() {
        let mut selection = Selection::default();
        selection.toggle("a@d.fr");
        selection.toggle("gone@d.fr");
        selection.retain_known(&rows());
        assert_eq!(selection.iter().collect::<Vec<_>>(), ["a@d.fr"]);
    }
}
