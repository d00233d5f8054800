//! One API call being answered: what every handler needs to know about it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::schema::{Api, Route};

/// A signed, granted and valid call, with its route, parameters, body and time.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The whole API, for models and enums.
    pub api: &'a Api,
    /// The operation called.
    pub route: &'a Route,
    /// Path parameters by name, decoded.
    pub params: &'a BTreeMap<String, String>,
    /// Query parameters, decoded.
    pub query: &'a [(String, String)],
    /// The JSON body, already checked against the schema.
    pub body: Option<&'a Value>,
    /// The sandbox's clock, in Unix milliseconds.
    pub now_ms: i64,
}

impl Call<'_> {
    /// The sandbox's clock, in Unix seconds.
    pub fn now(&self) -> i64 {
        self.now_ms.div_euclid(1000)
    }
}
