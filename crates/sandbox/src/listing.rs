//! Collections: plain lists of ids, or, with `X-Pagination-Mode: CachedObjectList-Pages`, pages
//! of full objects with sorting and filtering (spec section 2).

use std::cmp::Ordering;

use serde_json::Value;

use crate::refusal::Refusal;

/// The bulk listing headers of a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageRequest {
    /// Objects per page.
    pub size: usize,
    /// The page, from 1.
    pub number: usize,
    /// The field to sort on.
    pub sort: Option<String>,
    /// Descending order.
    pub descending: bool,
    /// `field:op=value` with op `eq`, `like`, `lt` or `gt`.
    pub filter: Option<String>,
}

/// A page of full objects and the total after filtering.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The objects of this page.
    pub items: Vec<Value>,
    /// `X-Pagination-Elements`.
    pub total: usize,
}

/// Filters, sorts and cuts a page out of `objects`.
pub fn page(mut objects: Vec<Value>, request: &PageRequest) -> Result<Page, Refusal> {
    if let Some(filter) = &request.filter {
        let (field, op, wanted) = parse_filter(filter)?;
        objects.retain(|o| matches(&o[field], op, wanted));
    }
    if let Some(field) = &request.sort {
        objects.sort_by(|a, b| compare(&a[field.as_str()], &b[field.as_str()]));
        if request.descending {
            objects.reverse();
        }
    }
    let total = objects.len();
    let size = request.size.max(1);
    let start = request.number.saturating_sub(1).saturating_mul(size);
    let items = objects.into_iter().skip(start).take(size).collect();
    Ok(Page { items, total })
}

fn parse_filter(filter: &str) -> Result<(&str, &str, &str), Refusal> {
    let bad = || Refusal::bad_request(format!("Invalid X-Pagination-Filter: {filter}"));
    let (field, rest) = filter.split_once(':').ok_or_else(bad)?;
    let (op, value) = rest.split_once('=').ok_or_else(bad)?;
    if !matches!(op, "eq" | "like" | "lt" | "gt") {
        return Err(bad());
    }
    Ok((field, op, value))
}

fn matches(value: &Value, op: &str, wanted: &str) -> bool {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => return false,
        other => other.to_string(),
    };
    match op {
        "eq" => text == wanted,
        // `like` takes SQL-style `%` wildcards.
        "like" => mailshift_ovh::access_rules::pattern_matches(&wanted.replace('%', "*"), &text),
        "lt" | "gt" => {
            let ordering = match (text.parse::<f64>(), wanted.parse::<f64>()) {
                (Ok(a), Ok(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
                _ => text.as_str().cmp(wanted),
            };
            ordering
                == if op == "lt" {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
        }
        _ => false,
    }
}

fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => a.to_string().cmp(&b.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn accounts() -> Vec<Value> {
        (1..=12)
            .map(|i| json!({"id": i, "primaryEmailAddress": format!("user{i:02}@d.fr"), "quota": (i % 3) * 5}))
            .collect()
    }

    #[test]
    fn cuts_pages_and_counts_the_total() {
        let request = PageRequest {
            size: 5,
            number: 3,
            ..Default::default()
        };
        let page = page(accounts(), &request).expect("page");
        assert_eq!(page.total, 12);
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.items[0]["id"], 11);
    }

    #[test]
    fn sorts_and_filters_before_paging() {
        let request = PageRequest {
            size: 3,
            number: 1,
            sort: Some("id".into()),
            descending: true,
            filter: Some("quota:gt=4".into()),
        };
        let page = page(accounts(), &request).expect("page");
        assert_eq!(page.total, 8);
        let ids: Vec<_> = page.items.iter().map(|o| o["id"].clone()).collect();
        assert_eq!(ids, [json!(11), json!(10), json!(8)]);
    }

    #[test]
    fn like_and_eq_filters() {
        let like = PageRequest {
            size: 50,
            number: 1,
            filter: Some("primaryEmailAddress:like=user1%".into()),
            ..Default::default()
        };
        // user10, user11 and user12; user01 does not start with "user1".
        assert_eq!(page(accounts(), &like).expect("page").total, 3);
        let eq = PageRequest {
            size: 50,
            number: 1,
            filter: Some("primaryEmailAddress:eq=user07@d.fr".into()),
            ..Default::default()
        };
        assert_eq!(page(accounts(), &eq).expect("page").total, 1);
        let bad = PageRequest {
            size: 50,
            number: 1,
            filter: Some("quota~5".into()),
            ..Default::default()
        };
        assert_eq!(page(accounts(), &bad).expect_err("bad filter").status, 400);
    }
}
