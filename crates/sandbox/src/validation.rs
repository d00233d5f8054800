//! Checking parameters and bodies against the schema, as OVHcloud does before acting.

use serde_json::{Map, Value};

use crate::refusal::Refusal;
use crate::schema::{Api, Body, Param};

/// Checks a request body against what the operation takes.
pub fn check_body(api: &Api, body: &Body, raw: &str) -> Result<Option<Value>, Refusal> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return match body {
            Body::Fields(fields) => {
                let missing: Vec<&str> = fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.name.as_str())
                    .collect();
                if missing.is_empty() {
                    Ok(None)
                } else {
                    Err(Refusal::missing(&missing))
                }
            }
            Body::Model(_) => Err(Refusal::missing(&["body"])),
            Body::None => Ok(None),
        };
    }
    // The spec: a body that is not JSON is refused as a bad signature.
    let value: Value = serde_json::from_str(trimmed).map_err(|_| Refusal::invalid_signature())?;
    match body {
        Body::None => match value.as_object() {
            Some(object) if !object.is_empty() => {
                let names: Vec<&str> = object.keys().map(String::as_str).collect();
                Err(Refusal::undescribed(&names))
            }
            _ => Ok(None),
        },
        Body::Fields(fields) => {
            let object = value
                .as_object()
                .ok_or_else(|| Refusal::wrong_type("body", &value, "object"))?;
            check_fields(api, fields, object)?;
            Ok(Some(value))
        }
        Body::Model(model) => {
            check_model(api, "body", model, &value, true)?;
            Ok(Some(value))
        }
    }
}

/// Checks query parameters: each must be described and of its type.
pub fn check_query(
    api: &Api,
    described: &[Param],
    query: &[(String, String)],
) -> Result<(), Refusal> {
    let unknown: Vec<&str> = query
        .iter()
        .filter(|(name, _)| !described.iter().any(|p| &p.name == name))
        .map(|(name, _)| name.as_str())
        .collect();
    if !unknown.is_empty() {
        return Err(Refusal::undescribed(&unknown));
    }
    for (name, value) in query {
        let Some(param) = described.iter().find(|p| &p.name == name) else {
            continue;
        };
        let typed = match param.data_type.as_str() {
            "long" => value
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or(Value::String(value.clone())),
            "boolean" => match value.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::String(value.clone()),
            },
            _ => Value::String(value.clone()),
        };
        check_value(api, name, &param.data_type, &typed)?;
    }
    Ok(())
}

fn check_fields(api: &Api, fields: &[Param], object: &Map<String, Value>) -> Result<(), Refusal> {
    let unknown: Vec<&str> = object
        .keys()
        .filter(|k| !fields.iter().any(|f| &f.name == *k))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(Refusal::undescribed(&unknown));
    }
    let missing: Vec<&str> = fields
        .iter()
        .filter(|f| f.required && object.get(&f.name).is_none_or(Value::is_null))
        .map(|f| f.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(Refusal::missing(&missing));
    }
    for field in fields {
        match object.get(&field.name) {
            None | Some(Value::Null) => {}
            Some(value) => check_value(api, &field.name, &field.data_type, value)?,
        }
    }
    Ok(())
}

/// Checks an object against a model: no undescribed property, required ones present, types.
/// Read-only properties are accepted and ignored, as in a `PUT` that echoes the object.
fn check_model(
    api: &Api,
    field: &str,
    model: &str,
    value: &Value,
    top: bool,
) -> Result<(), Refusal> {
    let properties = api
        .model(model)
        .and_then(|m| m.get("properties"))
        .and_then(Value::as_object)
        .ok_or_else(|| Refusal::wrong_type(field, value, model))?;
    let object = value
        .as_object()
        .ok_or_else(|| Refusal::wrong_type(field, value, model))?;
    let unknown: Vec<&str> = object
        .keys()
        .filter(|k| !properties.contains_key(*k))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(Refusal::undescribed(&unknown));
    }
    let missing: Vec<&str> = properties
        .iter()
        .filter(|(name, p)| {
            p["required"].as_bool().unwrap_or(false) && object.get(*name).is_none_or(Value::is_null)
        })
        .map(|(name, _)| name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(Refusal::missing(&missing));
    }
    for (name, value) in object {
        let property = &properties[name];
        if value.is_null() {
            if property["canBeNull"].as_bool().unwrap_or(false) || top {
                continue;
            }
            return Err(Refusal::wrong_type(
                name,
                value,
                property["type"].as_str().unwrap_or("?"),
            ));
        }
        let data_type = property["type"].as_str().unwrap_or_default();
        check_value(api, name, data_type, value)?;
    }
    Ok(())
}

/// Checks one value against a schema type.
pub fn check_value(api: &Api, field: &str, data_type: &str, value: &Value) -> Result<(), Refusal> {
    if let Some(item_type) = data_type.strip_suffix("[]") {
        let items = value
            .as_array()
            .ok_or_else(|| Refusal::wrong_type(field, value, data_type))?;
        return items
            .iter()
            .try_for_each(|item| check_value(api, field, item_type, item));
    }
    let fits = match data_type {
        "string" | "password" | "text" | "phoneNumber" | "ipv4" | "ipv6" | "ipv4Block"
        | "ipBlock" | "uuid" | "date" | "datetime" => value.is_string(),
        "long" => value.is_i64() || value.is_u64(),
        "double" => value.is_number(),
        "boolean" => value.is_boolean(),
        "map[string]string" => value
            .as_object()
            .is_some_and(|o| o.values().all(Value::is_string)),
        model => {
            if let Some(values) = api.enum_values(model) {
                let text = value
                    .as_str()
                    .ok_or_else(|| Refusal::wrong_type(field, value, data_type))?;
                if !values.contains(&text) {
                    return Err(Refusal::not_in_enum(field, value, data_type));
                }
                return Ok(());
            }
            if api.model(model).is_some() {
                return check_model(api, field, model, value, false);
            }
            // Types the schemas name without defining (`T`, `map[...]` of models) are not
            // checked further.
            true
        }
    };
    if fits {
        Ok(())
    } else {
        Err(Refusal::wrong_type(field, value, data_type))
    }
}

/// Checks an answer against its schema type, strictly: right types, and every object carrying
/// every property of its model (OVHcloud answers with all of them, `null` where empty).
pub fn check_response(api: &Api, data_type: &str, value: &Value) -> Result<(), String> {
    check_value(api, "response", data_type, value).map_err(|r| r.body["message"].to_string())?;
    complete(api, data_type, value)
}

fn complete(api: &Api, data_type: &str, value: &Value) -> Result<(), String> {
    if let Some(item) = data_type.strip_suffix("[]") {
        return value
            .as_array()
            .into_iter()
            .flatten()
            .try_for_each(|v| complete(api, item, v));
    }
    let Some(properties) = api
        .model(data_type)
        .and_then(|m| m["properties"].as_object())
    else {
        return Ok(());
    };
    let object = value
        .as_object()
        .ok_or_else(|| format!("{data_type}: not an object"))?;
    for (name, property) in properties {
        let field = object
            .get(name)
            .ok_or_else(|| format!("{data_type}.{name} is missing"))?;
        if !field.is_null() {
            complete(api, property["type"].as_str().unwrap_or_default(), field)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mailshift_ovh::Method;

    fn api() -> Api {
        Api::load().expect("schemas")
    }

    fn body_of(api: &Api, method: Method, path: &str) -> Body {
        api.find(method, path).expect("route").route.body.clone()
    }

    fn message(refusal: Refusal) -> String {
        refusal.body["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    #[test]
    fn a_valid_domain_creation_passes() {
        let api = api();
        let body = body_of(&api, Method::Post, "/email/pro/s/domain");
        let raw = r#"{"name":"d.fr","type":"nonAuthoritative","mxRelay":"mx1.mail.ovh.net","configureMx":false,"configureAutodiscover":false}"#;
        assert!(check_body(&api, &body, raw).is_ok());
    }

    #[test]
    fn refuses_missing_unknown_mistyped_and_off_enum_fields() {
        let api = api();
        let body = body_of(&api, Method::Post, "/email/pro/s/domain");
        let missing = check_body(&api, &body, r#"{"name":"d.fr"}"#).expect_err("type is required");
        assert_eq!(missing.status, 400);
        assert!(message(missing).contains("type"));
        let unknown = check_body(
            &api,
            &body,
            r#"{"name":"d.fr","type":"authoritative","colour":"red"}"#,
        )
        .expect_err("unknown field");
        assert!(message(unknown).contains("colour"));
        let mistyped = check_body(
            &api,
            &body,
            r#"{"name":"d.fr","type":"authoritative","configureMx":"yes"}"#,
        )
        .expect_err("not a boolean");
        assert!(message(mistyped).contains("configureMx"));
        let off_enum =
            check_body(&api, &body, r#"{"name":"d.fr","type":"sideways"}"#).expect_err("enum");
        assert!(message(off_enum).contains("enumeration"));
    }

    #[test]
    fn a_put_may_echo_read_only_fields_but_not_invent_any() {
        let api = api();
        let body = body_of(&api, Method::Put, "/email/pro/s/account/a@d");
        let rename = r#"{"login":"john01","domain":"d.fr","primaryEmailAddress":"john@d.fr"}"#;
        assert!(check_body(&api, &body, rename).is_ok());
        let invented = r#"{"login":"john01","nickname":"J"}"#;
        assert!(
            message(check_body(&api, &body, invented).expect_err("nickname")).contains("nickname")
        );
    }

    #[test]
    fn nested_models_and_arrays_are_checked() {
        let api = api();
        let body = body_of(&api, Method::Post, "/auth/credential");
        let good =
            r#"{"accessRules":[{"method":"GET","path":"/email/*"}],"redirection":"http://x/"}"#;
        assert!(check_body(&api, &body, good).is_ok());
        let bad_method = r#"{"accessRules":[{"method":"PATCH","path":"/email/*"}]}"#;
        assert!(message(check_body(&api, &body, bad_method).expect_err("PATCH")).contains("PATCH"));
        let not_array = r#"{"accessRules":{"method":"GET","path":"/"}}"#;
        assert!(check_body(&api, &body, not_array).is_err());
    }

    #[test]
    fn malformed_json_is_a_bad_signature() {
        let api = api();
        let body = body_of(&api, Method::Post, "/email/pro/s/account/a@d/alias");
        let refusal = check_body(&api, &body, r#"{"alias":"#).expect_err("malformed");
        assert_eq!(refusal, Refusal::invalid_signature());
    }

    #[test]
    fn query_parameters_are_described_and_typed() {
        let api = api();
        let route = api
            .find(Method::Get, "/email/pro/s/account")
            .expect("route")
            .route;
        assert!(check_query(&api, &route.query, &[("id".into(), "12".into())]).is_ok());
        assert!(check_query(&api, &route.query, &[("id".into(), "twelve".into())]).is_err());
        assert!(check_query(&api, &route.query, &[("login".into(), "x".into())]).is_err());
    }
}
