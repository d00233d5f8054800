//! API paths: one encoding rule for parameters, and paths built only from known operations.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::Error;
use crate::method::Method;

/// Bytes left as they are in a path or query parameter: RFC 3986's unreserved characters and
/// `@`, which a path segment may hold. Everything else, `+` and `/` included, is
/// percent-encoded. *Unconfirmed*: whether OVHcloud reads `%40` as `@`; keeping `@` literal
/// means this is the one place to change if it does not.
const PARAMETER: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// Encodes a path or query parameter (an email address, a service name, a domain in punycode).
pub fn encode_parameter(value: &str) -> String {
    utf8_percent_encode(value, PARAMETER).to_string()
}

/// One API operation: a method on a path template from OVHcloud's schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The HTTP method.
    pub method: Method,
    /// The path template exactly as the schema writes it, e.g. `/email/pro/{service}/account`.
    pub template: &'static str,
    /// The query parameters the schema allows on it.
    pub query: &'static [&'static str],
    /// Whether calls must be signed (all but `/auth/time` and `/auth/credential`).
    pub authenticated: bool,
}

impl Operation {
    /// An operation without query parameters.
    pub const fn new(method: Method, template: &'static str) -> Self {
        Self {
            method,
            template,
            query: &[],
            authenticated: true,
        }
    }

    /// The same operation, sent without a signature.
    pub const fn unauthenticated(self) -> Self {
        Self {
            authenticated: false,
            ..self
        }
    }

    /// The same operation, allowing these query parameters.
    pub const fn with_query(self, query: &'static [&'static str]) -> Self {
        Self { query, ..self }
    }

    /// The names of the template's `{parameters}`, in order.
    pub fn parameters(&self) -> impl Iterator<Item = &'static str> {
        self.template
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
    }

    /// The path with each `{parameter}` replaced, in order, by an encoded value.
    pub fn path(&self, values: &[&str]) -> Result<ApiPath, Error> {
        let expected = self.parameters().count();
        if values.len() != expected {
            return Err(Error::bad_input(format!(
                "{} {} takes {expected} parameters, {} given",
                self.method,
                self.template,
                values.len()
            )));
        }
        let mut values = values.iter();
        let mut path = String::with_capacity(self.template.len() + 32);
        for segment in self.template.split('/').skip(1) {
            path.push('/');
            if segment.starts_with('{') {
                let name = segment.trim_matches(['{', '}']);
                let value = values.next().copied().unwrap_or_default();
                if value.is_empty() {
                    return Err(Error::bad_input(format!("{name} must not be empty")));
                }
                path.push_str(&encode_parameter(value));
            } else {
                path.push_str(segment);
            }
        }
        Ok(ApiPath {
            operation: *self,
            path,
            query: String::new(),
        })
    }
}

/// A concrete, encoded path (and query) for one operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiPath {
    operation: Operation,
    path: String,
    query: String,
}

impl ApiPath {
    /// Adds a query parameter; only names the operation's schema allows are accepted.
    pub fn query(mut self, name: &str, value: &str) -> Result<Self, Error> {
        if !self.operation.query.contains(&name) {
            return Err(Error::bad_input(format!(
                "{} {} has no query parameter {name}",
                self.operation.method, self.operation.template
            )));
        }
        self.query
            .push(if self.query.is_empty() { '?' } else { '&' });
        self.query.push_str(name);
        self.query.push('=');
        self.query.push_str(&encode_parameter(value));
        Ok(self)
    }

    /// The operation this path belongs to.
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// The method of the operation.
    pub fn method(&self) -> Method {
        self.operation.method
    }

    /// The encoded path and query, appended to a base URL to make the request URL.
    pub fn path_and_query(&self) -> String {
        format!("{}{}", self.path, self.query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: Operation = Operation::new(Method::Get, "/email/pro/{service}/account/{email}");
    const ACCOUNTS: Operation = Operation::new(Method::Get, "/email/pro/{service}/account")
        .with_query(&["primaryEmailAddress", "id"]);

    #[test]
    fn email_addresses_keep_at_and_dots_and_encode_plus() {
        assert_eq!(
            encode_parameter("john.smith@example.com"),
            "john.smith@example.com"
        );
        assert_eq!(
            encode_parameter("john+news@example.com"),
            "john%2Bnews@example.com"
        );
        assert_eq!(encode_parameter("a b/c?d#e%f"), "a%20b%2Fc%3Fd%23e%25f");
        assert_eq!(encode_parameter("x_y-z~1"), "x_y-z~1");
    }

    #[test]
    fn punycode_domains_pass_through_and_unicode_is_utf8_encoded() {
        assert_eq!(
            encode_parameter("jean@xn--caf-dma.fr"),
            "jean@xn--caf-dma.fr"
        );
        assert_eq!(encode_parameter("jean@café.fr"), "jean@caf%C3%A9.fr");
    }

    #[test]
    fn builds_paths_from_templates() {
        let path = ACCOUNT
            .path(&["emailpro-ab12345-1", "john+x@d.fr"])
            .expect("two parameters");
        assert_eq!(
            path.path_and_query(),
            "/email/pro/emailpro-ab12345-1/account/john%2Bx@d.fr"
        );
        assert_eq!(path.method(), Method::Get);
        assert_eq!(
            ACCOUNT.parameters().collect::<Vec<_>>(),
            ["service", "email"]
        );
    }

    #[test]
    fn refuses_wrong_counts_empty_values_and_unknown_query_names() {
        assert!(ACCOUNT.path(&["only-one"]).is_err());
        assert!(ACCOUNT.path(&["svc", ""]).is_err());
        let list = ACCOUNTS.path(&["svc"]).expect("one parameter");
        assert!(list.clone().query("login", "x").is_err());
        let filtered = list
            .query("primaryEmailAddress", "john.smith01@d.fr")
            .expect("allowed")
            .query("id", "12")
            .expect("allowed");
        assert_eq!(
            filtered.path_and_query(),
            "/email/pro/svc/account?primaryEmailAddress=john.smith01@d.fr&id=12"
        );
    }
}
