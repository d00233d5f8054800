//! OVHcloud's published schemas (a copy of `shared/ovh-api/*.json` kept in `schemas/`): the
//! route table and the types every request is checked against.

use std::collections::BTreeMap;

use percent_encoding::percent_decode_str;
use serde_json::Value;

use mailshift_ovh::Method;

/// The schema files, compiled in so the sandbox binary needs nothing beside it.
const FILES: [(&str, &str); 5] = [
    ("auth", include_str!("../schemas/auth.json")),
    (
        "email-exchange",
        include_str!("../schemas/email-exchange.json"),
    ),
    ("email-pro", include_str!("../schemas/email-pro.json")),
    ("email-mxplan", include_str!("../schemas/email-mxplan.json")),
    ("email-domain", include_str!("../schemas/email-domain.json")),
];

/// One parameter of an operation (path, query or a named body field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its schema type, e.g. `string`, `long`, `email.pro.DomainTypeEnum`.
    pub data_type: String,
    /// Whether it must be given.
    pub required: bool,
}

/// What an operation takes as its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// No body.
    None,
    /// One object of a model (e.g. `PUT` of an account).
    Model(String),
    /// Named fields.
    Fields(Vec<Param>),
}

/// One operation of the API.
#[derive(Clone, Debug)]
pub struct Route {
    /// The method.
    pub method: Method,
    /// The path template, e.g. `/email/pro/{service}/account/{email}`.
    pub template: String,
    /// Query parameters.
    pub query: Vec<Param>,
    /// The body it takes.
    pub body: Body,
    /// What it answers, e.g. `email.pro.Task` or `string[]`.
    pub response_type: String,
    /// Whether calls must be signed.
    pub authenticated: bool,
}

/// A route found for a request, with its decoded path parameters.
#[derive(Clone, Debug)]
pub struct Matched<'a> {
    /// The route.
    pub route: &'a Route,
    /// Path parameters by name, percent-decoded.
    pub params: BTreeMap<String, String>,
}

/// Why no route was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoRoute {
    /// No template has this path.
    UnknownPath,
    /// The path exists, not with this method.
    UnknownMethod,
}

/// The whole API: routes and models.
#[derive(Debug)]
pub struct Api {
    routes: Vec<Route>,
    models: BTreeMap<String, Value>,
}

impl Api {
    /// Reads the compiled-in schema files.
    pub fn load() -> Result<Self, String> {
        let mut routes = Vec::new();
        let mut models = BTreeMap::new();
        for (file, text) in FILES {
            let json: Value =
                serde_json::from_str(text).map_err(|e| format!("schema {file}: {e}"))?;
            if let Some(found) = json["models"].as_object() {
                models.extend(found.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            for api in json["apis"].as_array().into_iter().flatten() {
                let template = api["path"].as_str().unwrap_or_default().to_owned();
                for op in api["operations"].as_array().into_iter().flatten() {
                    routes.push(route(&template, op).map_err(|e| format!("schema {file}: {e}"))?);
                }
            }
        }
        Ok(Self { routes, models })
    }

    /// Every route.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// A model's definition, e.g. `email.pro.Account`.
    pub fn model(&self, name: &str) -> Option<&Value> {
        self.models.get(name)
    }

    /// The values of an enum model.
    pub fn enum_values(&self, name: &str) -> Option<Vec<&str>> {
        let values = self.models.get(name)?.get("enum")?.as_array()?;
        Some(values.iter().filter_map(Value::as_str).collect())
    }

    /// Finds the route for a request path (without its query string). Where several templates
    /// fit, the one with the most literal segments wins (`.../account/{email}/alias` over a
    /// parameter in that place).
    pub fn find(&self, method: Method, raw_path: &str) -> Result<Matched<'_>, NoRoute> {
        let segments: Vec<&str> = raw_path.split('/').collect();
        let mut best: Option<(usize, Matched<'_>)> = None;
        let mut path_exists = false;
        for route in &self.routes {
            let Some((literals, params)) = fit(&route.template, &segments) else {
                continue;
            };
            path_exists = true;
            if route.method != method {
                continue;
            }
            if best.as_ref().is_none_or(|(score, _)| literals > *score) {
                best = Some((literals, Matched { route, params }));
            }
        }
        match best {
            Some((_, matched)) => Ok(matched),
            None if path_exists => Err(NoRoute::UnknownMethod),
            None => Err(NoRoute::UnknownPath),
        }
    }
}

fn route(template: &str, op: &Value) -> Result<Route, String> {
    let method = match op["httpMethod"].as_str() {
        Some("GET") => Method::Get,
        Some("POST") => Method::Post,
        Some("PUT") => Method::Put,
        Some("DELETE") => Method::Delete,
        other => return Err(format!("{template}: unknown method {other:?}")),
    };
    let mut query = Vec::new();
    let mut fields = Vec::new();
    let mut model = None;
    for p in op["parameters"].as_array().into_iter().flatten() {
        let data_type = p["dataType"].as_str().unwrap_or_default().to_owned();
        let required = p["required"].as_bool().unwrap_or(false);
        let name = p["name"].as_str().map(str::to_owned);
        match (p["paramType"].as_str(), name) {
            (Some("query"), Some(name)) => query.push(Param {
                name,
                data_type,
                required,
            }),
            (Some("body"), Some(name)) => fields.push(Param {
                name,
                data_type,
                required,
            }),
            (Some("body"), None) => model = Some(data_type),
            _ => {}
        }
    }
    let body = match (model, fields.is_empty()) {
        (Some(model), true) => Body::Model(model),
        (None, false) => Body::Fields(fields),
        (None, true) => Body::None,
        (Some(_), false) => return Err(format!("{template}: both a body model and body fields")),
    };
    Ok(Route {
        method,
        template: template.to_owned(),
        query,
        body,
        response_type: op["responseType"].as_str().unwrap_or("void").to_owned(),
        authenticated: !op["noAuthentication"].as_bool().unwrap_or(false),
    })
}

/// Whether a template fits the path's segments; if so, how many literal segments it has and
/// the decoded parameters.
fn fit(template: &str, segments: &[&str]) -> Option<(usize, BTreeMap<String, String>)> {
    let parts: Vec<&str> = template.split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut literals = 0;
    let mut params = BTreeMap::new();
    for (part, segment) in parts.iter().zip(segments) {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => {
                let value = percent_decode_str(segment).decode_utf8().ok()?;
                if value.is_empty() {
                    return None;
                }
                params.insert(name.to_owned(), value.into_owned());
            }
            None if part == segment => literals += 1,
            None => return None,
        }
    }
    Some((literals, params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_every_operation_of_the_five_files() {
        let api = Api::load().expect("schemas");
        assert!(api.routes().len() > 350, "{} routes", api.routes().len());
        let time = api.find(Method::Get, "/auth/time").expect("time");
        assert!(!time.route.authenticated);
        assert_eq!(time.route.response_type, "long");
    }

    #[test]
    fn finds_routes_and_decodes_parameters() {
        let api = Api::load().expect("schemas");
        let found = api
            .find(
                Method::Get,
                "/email/pro/emailpro-ab1/account/john%2Bx@d.fr/alias",
            )
            .expect("alias list");
        assert_eq!(
            found.route.template,
            "/email/pro/{service}/account/{email}/alias"
        );
        assert_eq!(found.params["email"], "john+x@d.fr");
        assert_eq!(found.params["service"], "emailpro-ab1");
    }

    #[test]
    fn tells_unknown_paths_from_unknown_methods() {
        let api = Api::load().expect("schemas");
        assert_eq!(
            api.find(Method::Get, "/email/nothing").err(),
            Some(NoRoute::UnknownPath)
        );
        assert_eq!(
            api.find(Method::Delete, "/auth/time").err(),
            Some(NoRoute::UnknownMethod)
        );
        assert_eq!(
            api.find(Method::Get, "/email/pro//account").err(),
            Some(NoRoute::UnknownPath)
        );
    }

    #[test]
    fn reads_body_shapes() {
        let api = Api::load().expect("schemas");
        let put = api
            .find(Method::Put, "/email/pro/s/account/a@d")
            .expect("put");
        assert_eq!(put.route.body, Body::Model("email.pro.Account".into()));
        let alias = api
            .find(Method::Post, "/email/pro/s/account/a@d/alias")
            .expect("post");
        assert_eq!(
            alias.route.body,
            Body::Fields(vec![Param {
                name: "alias".into(),
                data_type: "string".into(),
                required: true
            }])
        );
    }

    #[test]
    fn the_copy_matches_shared_when_it_is_beside_the_repository() {
        let shared =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ovh-api");
        for (file, text) in FILES {
            let path = shared.join(format!("{file}.json"));
            let original = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (the sandbox's schemas are a copy of shared/ovh-api)",
                    path.display()
                )
            });
            assert!(
                original == text,
                "schemas/{file}.json differs from {}: copy it again",
                path.display()
            );
        }
    }
}
