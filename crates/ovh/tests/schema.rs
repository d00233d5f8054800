//! The client against OVHcloud's published schemas (`shared/ovh-api/*.json`): every operation it
//! builds exists with its method and query parameters, and every model field exists with a
//! compatible type.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use mailshift_ovh::models::auth::{
    AccessRule, AuthDetails, CredentialRequest, CredentialState, CurrentCredential,
    PendingCredential,
};
use mailshift_ovh::models::bodies::{
    AccountUpdate, FullAccessGrant, NewAlias, NewDisclaimer, NewDomain, NewExternalContact,
    NewLegacyAccount, NewMailingList, NewManager, NewMember, NewPassword, NewRedirection,
    SendGrant,
};
use mailshift_ovh::models::domain::{
    Diagnosis, LegacyAccount, LegacyQuota, LegacyService, LegacyTask, LegacyUsage,
    MigrationAccount, MigrationCheck, MigrationFinding, MigrationService,
};
use mailshift_ovh::models::exchange::{
    DepartRestriction, Export, ExportUrl, JoinRestriction, MailingList,
};
use mailshift_ovh::models::hosted::DomainType;
use mailshift_ovh::models::{
    Disclaimer, DnsExpectations, ExternalContact, HostedAccount, HostedDomain, HostedService,
    MxPlanService, ObjectState, Schema, SchemaRef, Task, TaskStatus,
};
use mailshift_ovh::{Method, Operation, operations};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use serde_reflection::{ContainerFormat, Format, Registry, Tracer, TracerConfig};

/// A property of a schema model or a body parameter.
#[derive(Clone, Debug)]
struct Property {
    kind: String,
    nullable: bool,
    required: bool,
}

/// What the schema files say, indexed.
struct Schemas {
    models: BTreeMap<String, Value>,
    /// (path, method) -> operation object.
    operations: BTreeMap<(String, String), Value>,
}

impl Schemas {
    fn load() -> Self {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ovh-api");
        let mut models = BTreeMap::new();
        let mut operations = BTreeMap::new();
        for file in [
            "auth",
            "email-exchange",
            "email-pro",
            "email-mxplan",
            "email-domain",
        ] {
            let path = dir.join(format!("{file}.json"));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let json: Value = serde_json::from_str(&text).expect("schema is JSON");
            for (name, model) in json["models"].as_object().expect("models") {
                models.insert(name.clone(), model.clone());
            }
            for api in json["apis"].as_array().expect("apis") {
                let path = api["path"].as_str().expect("path").to_owned();
                for op in api["operations"].as_array().expect("operations") {
                    let method = op["httpMethod"].as_str().expect("method").to_owned();
                    operations.insert((path.clone(), method), op.clone());
                }
            }
        }
        Self { models, operations }
    }

    fn operation(&self, op: &Operation) -> &Value {
        self.operations
            .get(&(op.template.to_owned(), op.method.as_str().to_owned()))
            .unwrap_or_else(|| panic!("{} {} is not in the schemas", op.method, op.template))
    }

    fn model_properties(&self, name: &str) -> BTreeMap<String, Property> {
        let model = self
            .models
            .get(name)
            .unwrap_or_else(|| panic!("model {name} is not in the schemas"));
        model["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("model {name} has no properties"))
            .iter()
            .map(|(field, p)| {
                let property = Property {
                    kind: p["type"].as_str().expect("type").to_owned(),
                    nullable: p["canBeNull"].as_bool().unwrap_or(false),
                    required: p["required"].as_bool().unwrap_or(false),
                };
                (field.clone(), property)
            })
            .collect()
    }

    fn body_properties(&self, op: &Operation) -> BTreeMap<String, Property> {
        let params: Vec<&Value> = self.operation(op)["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .filter(|p| p["paramType"] == "body")
            .collect();
        // A body is either one unnamed parameter naming a model, or named fields.
        if let [only] = params.as_slice()
            && only.get("name").is_none()
        {
            return self.model_properties(only["dataType"].as_str().expect("dataType"));
        }
        params
            .iter()
            .map(|p| {
                let property = Property {
                    kind: p["dataType"].as_str().expect("dataType").to_owned(),
                    nullable: false,
                    required: p["required"].as_bool().unwrap_or(false),
                };
                (p["name"].as_str().expect("name").to_owned(), property)
            })
            .collect()
    }

    fn enum_values(&self, name: &str) -> Option<BTreeSet<String>> {
        let values = self.models.get(name)?.get("enum")?.as_array()?;
        Some(
            values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        )
    }
}

/// The catch-all variant (`#[serde(other)]`) that keeps unknown future values readable.
const CATCH_ALL: &str = "unrecognized";
const TEXT_TYPES: &[&str] = &[
    "string",
    "password",
    "text",
    "datetime",
    "date",
    "phoneNumber",
    "ipBlock",
];

struct Checker<'a> {
    schemas: &'a Schemas,
    registry: Registry,
    problems: Vec<String>,
    /// Our enum -> every schema value it was checked against, to find variants nobody has.
    enum_uses: BTreeMap<String, BTreeSet<String>>,
}

impl Checker<'_> {
    fn check_struct(
        &mut self,
        ours: &str,
        schema_name: &str,
        properties: &BTreeMap<String, Property>,
    ) {
        let Some(ContainerFormat::Struct(fields)) = self.registry.get(ours).cloned() else {
            self.problems.push(format!("{ours} is not a struct"));
            return;
        };
        for field in fields {
            let Some(property) = properties.get(&field.name) else {
                self.problems
                    .push(format!("{ours}.{} is not in {schema_name}", field.name));
                continue;
            };
            let place = format!("{ours}.{} vs {schema_name}", field.name);
            match &field.value {
                Format::Option(inner) => {
                    if !property.nullable && property.required && !schema_name.starts_with("body") {
                        self.problems
                            .push(format!("{place}: optional here, required there"));
                    }
                    self.check_type(&place, inner, &property.kind);
                }
                format => {
                    if property.nullable {
                        self.problems
                            .push(format!("{place}: can be null there, not here"));
                    }
                    self.check_type(&place, format, &property.kind);
                }
            }
        }
    }

    fn check_type(&mut self, place: &str, format: &Format, kind: &str) {
        let enum_values = self.schemas.enum_values(kind);
        match format {
            Format::Str if TEXT_TYPES.contains(&kind) || enum_values.is_some() => {}
            Format::Bool if kind == "boolean" => {}
            Format::I64 if kind == "long" => {}
            // A float reads both of OVHcloud's number types (MX Plan's quota is a double).
            Format::F64 if kind == "double" || kind == "long" => {}
            Format::Seq(inner) if kind.ends_with("[]") => {
                self.check_type(place, inner, &kind[..kind.len() - 2]);
            }
            Format::TypeName(name) => match (self.registry.get(name).cloned(), enum_values) {
                (Some(ContainerFormat::Enum(variants)), Some(values)) => {
                    let ours: BTreeSet<String> =
                        variants.values().map(|v| v.name.clone()).collect();
                    for value in &values {
                        if !ours.contains(value) {
                            self.problems
                                .push(format!("{place}: {name} cannot read {value:?}"));
                        }
                    }
                    self.enum_uses
                        .entry(name.clone())
                        .or_default()
                        .extend(values);
                }
                (Some(ContainerFormat::Struct(_)), None)
                    if self.schemas.models.contains_key(kind) =>
                {
                    let properties = self.schemas.model_properties(kind);
                    self.check_struct(name, kind, &properties);
                }
                _ => self
                    .problems
                    .push(format!("{place}: {name} does not fit {kind}")),
            },
            _ => self
                .problems
                .push(format!("{place}: {format:?} does not fit {kind}")),
        }
    }
}

fn trace<T: DeserializeOwned>(tracer: &mut Tracer) -> String {
    tracer
        .trace_simple_type::<T>()
        .unwrap_or_else(|e| panic!("cannot trace {}: {e}", std::any::type_name::<T>()));
    std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or_default()
        .to_owned()
}

macro_rules! models {
    ($($model:ty),* $(,)?) => {{
        let mut tracer = Tracer::new(TracerConfig::default());
        // Enums first, so that every variant is explored before the structs that hold them.
        trace::<ObjectState>(&mut tracer);
        trace::<TaskStatus>(&mut tracer);
        trace::<DomainType>(&mut tracer);
        trace::<JoinRestriction>(&mut tracer);
        trace::<DepartRestriction>(&mut tracer);
        trace::<Diagnosis>(&mut tracer);
        trace::<CredentialState>(&mut tracer);
        trace::<Method>(&mut tracer);
        let all: Vec<(String, &'static [SchemaRef])> =
            vec![$( (trace::<$model>(&mut tracer), <$model as Schema>::SCHEMA) ),*];
        (tracer.registry().expect("complete registry"), all)
    }};
}

#[test]
fn every_operation_exists_with_its_method_query_and_authentication() {
    let schemas = Schemas::load();
    let mut count = 0;
    for op in operations::all() {
        let schema = schemas.operation(&op);
        let allowed: BTreeSet<&str> = schema["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .filter(|p| p["paramType"] == "query")
            .filter_map(|p| p["name"].as_str())
            .collect();
        for name in op.query {
            assert!(
                allowed.contains(name),
                "{} {} has no query {name}",
                op.method,
                op.template
            );
        }
        let path_params: Vec<&str> = schema["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .filter(|p| p["paramType"] == "path")
            .filter_map(|p| p["name"].as_str())
            .collect();
        for name in op.parameters() {
            assert!(
                path_params.contains(&name),
                "{} {} has no path parameter {name}",
                op.method,
                op.template
            );
        }
        let unauthenticated = schema["noAuthentication"].as_bool().unwrap_or(false);
        assert_eq!(
            op.authenticated, !unauthenticated,
            "{} {}",
            op.method, op.template
        );
        count += 1;
    }
    assert!(count > 80, "only {count} operations checked");
}

#[test]
fn every_model_field_exists_with_a_compatible_type() {
    let schemas = Schemas::load();
    let (registry, all) = models!(
        Task,
        HostedService,
        MxPlanService,
        HostedDomain,
        DnsExpectations,
        HostedAccount,
        ExternalContact,
        Disclaimer,
        MailingList,
        Export,
        ExportUrl,
        LegacyService,
        LegacyAccount,
        LegacyUsage,
        LegacyTask,
        LegacyQuota,
        MigrationService,
        MigrationAccount,
        MigrationFinding,
        MigrationCheck,
        AccessRule,
        CredentialRequest,
        PendingCredential,
        CurrentCredential,
        AuthDetails,
        AccountUpdate,
        NewPassword,
        NewAlias,
        NewDomain,
        FullAccessGrant,
        SendGrant,
        NewExternalContact,
        NewDisclaimer,
        NewMailingList,
        NewMember,
        NewManager,
        NewLegacyAccount,
        NewRedirection,
    );
    let mut checker = Checker {
        schemas: &schemas,
        registry,
        problems: Vec::new(),
        enum_uses: BTreeMap::new(),
    };
    for (ours, refs) in &all {
        assert!(!refs.is_empty(), "{ours} names no schema");
        for schema in *refs {
            match schema {
                SchemaRef::Model(name) => {
                    let properties = schemas.model_properties(name);
                    checker.check_struct(ours, name, &properties);
                }
                SchemaRef::Body(op) => {
                    let properties = schemas.body_properties(op);
                    let name = format!("body of {} {}", op.method, op.template);
                    checker.check_struct(ours, &name, &properties);
                }
            }
        }
    }
    for (name, values) in &checker.enum_uses {
        if let Some(ContainerFormat::Enum(variants)) = checker.registry.get(name) {
            for variant in variants.values() {
                if variant.name != CATCH_ALL && !values.contains(&variant.name) {
                    checker
                        .problems
                        .push(format!("{name}::{} is in no schema enum", variant.name));
                }
            }
        }
    }
    assert!(
        checker.problems.is_empty(),
        "{}",
        checker.problems.join("\n")
    );
    assert!(all.len() >= 36);
}

#[test]
fn the_checker_catches_a_wrong_field() {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Wrong {
        primary_email_address: i64,
        nickname: String,
        current_usage: i64,
    }
    let schemas = Schemas::load();
    let mut tracer = Tracer::new(TracerConfig::default());
    let name = trace::<Wrong>(&mut tracer);
    let mut checker = Checker {
        schemas: &schemas,
        registry: tracer.registry().expect("registry"),
        problems: Vec::new(),
        enum_uses: BTreeMap::new(),
    };
    let properties = schemas.model_properties("email.pro.Account");
    checker.check_struct(&name, "email.pro.Account", &properties);
    assert_eq!(checker.problems.len(), 3, "{:?}", checker.problems);
}

/// The same value as the web app writes it (miniserde) and as the schema checks see it (serde).
fn both_views<T: miniserde::Serialize + serde::Serialize>(value: &T) -> (Value, Value) {
    let app = serde_json::from_str(&mailshift_ovh::json::to_string(value)).expect("JSON");
    let traced = serde_json::to_value(value).expect("serde");
    (app, traced)
}

#[test]
fn the_names_written_by_hand_are_those_the_schema_checks_see() {
    for (name, state) in ObjectState::NAMES {
        assert_eq!(both_views(&state), (json!(name), json!(name)));
    }
    for (name, status) in TaskStatus::NAMES {
        assert_eq!(both_views(&status), (json!(name), json!(name)));
    }
    let text = || Some("t".to_owned());
    let bodies = [
        both_views(&AccountUpdate {
            login: "l".into(),
            domain: "d.fr".into(),
            display_name: text(),
            first_name: text(),
            last_name: text(),
        }),
        both_views(&NewDomain {
            name: "d.fr".into(),
            kind: DomainType::NonAuthoritative,
            mx_relay: text(),
            configure_mx: false,
            configure_autodiscover: true,
        }),
        both_views(&NewExternalContact {
            external_email_address: "e@x.fr".into(),
            display_name: text(),
            first_name: text(),
            last_name: text(),
            initials: text(),
            hidden_from_gal: true,
        }),
        both_views(&NewMailingList {
            mailing_list_address: "list@d.fr".into(),
            join_restriction: JoinRestriction::Open,
            depart_restriction: DepartRestriction::Closed,
            display_name: text(),
            hidden_from_gal: false,
            sender_authentification: true,
        }),
        both_views(&NewLegacyAccount {
            account_name: "a".into(),
            password: mailshift_ovh::Secret::new("s"),
            size: Some(5),
            description: text(),
        }),
    ];
    for (app, traced) in bodies {
        assert_eq!(app, traced);
    }
}

#[test]
fn a_body_leaves_out_what_it_does_not_set() {
    let update = AccountUpdate {
        login: "l".into(),
        domain: "d.fr".into(),
        ..AccountUpdate::default()
    };
    assert_eq!(
        mailshift_ovh::json::to_string(&update),
        r#"{"login":"l","domain":"d.fr"}"#
    );
}
