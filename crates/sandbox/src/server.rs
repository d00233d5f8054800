//! The HTTP side: `/1.0/...` answers like OVHcloud's API, `/auth/` is the validation page.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::to_bytes;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{any, get, put};
use mailshift_ovh::Method;
use mailshift_ovh::models::auth::{AccessRule, CredentialRequest, CredentialState};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::auth::{Application, Auth, Credential, Presented, granted};
use crate::call::Call;
use crate::clock::{now, now_ms, rfc3339};
use crate::email::{Found, read};
use crate::faults::{Faults, Injector, Trouble};
use crate::listing::{PageRequest, page};
use crate::refusal::Refusal;
use crate::scenario::Scenario;
use crate::schema::{Api, NoRoute, Route};
use crate::tasks::Latency;
use crate::validation::{check_body, check_query};
use crate::validation_page::{self, LIFETIMES};
use crate::world::{World, Zone};
use crate::writes::write;

/// The largest body the sandbox reads.
const BODY_LIMIT: usize = 1024 * 1024;

/// How the sandbox is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub listen: SocketAddr,
    /// The origin clients address (signatures cover `{origin}/1.0/...`); `None` uses the
    /// listening address.
    pub public_origin: Option<String>,
    /// Registered applications.
    pub applications: Vec<Application>,
    /// Accounts that can log in on the validation page: (login, password).
    pub accounts: Vec<(String, String)>,
    /// What the simulated OVHcloud account owns at start.
    pub scenario: Scenario,
    /// How long tasks take.
    pub latency: Latency,
    /// Faults to inject from the start (tests can change them through `/sandbox/faults`).
    pub faults: Faults,
}

/// Shared state of a running sandbox.
#[derive(Debug)]
struct Sandbox {
    api: Api,
    auth: Mutex<Auth>,
    world: Mutex<World>,
    latency: Latency,
    faults: Mutex<Injector>,
    origin: String,
    accounts: Vec<(String, String)>,
    customer: String,
    demo: Mutex<Option<DemoKeys>>,
    queries: AtomicU64,
    calls: Mutex<Vec<RecordedCall>>,
}

/// One API call as the sandbox received it, for tests that check what reached "OVHcloud": the
/// body is kept only as a digest, so the record holds no password.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedCall {
    /// The method, as sent.
    pub method: String,
    /// The path and query after `/1.0`, as sent.
    pub path: String,
    /// The SHA-1 of the body, in hex, when there was one.
    pub body_sha1: Option<String>,
    /// The status answered.
    pub status: u16,
    /// Whether the answer was cut off before its end (an injected dropped connection).
    pub dropped: bool,
}

/// Keys a person may use to try the sandbox at once, published on `GET /sandbox/demo` so that
/// the app can offer them; nothing like it exists on OVHcloud, and it is off unless published.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoKeys {
    /// The demo application key.
    pub application_key: String,
    /// The demo application secret (not secret: it only opens this sandbox).
    pub application_secret: String,
    /// A validated consumer key with every email right.
    pub consumer_key: String,
    /// The login and password that work on the validation page.
    pub login: (String, String),
}

impl Sandbox {
    fn auth(&self) -> MutexGuard<'_, Auth> {
        self.auth.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn recorded(&self) -> MutexGuard<'_, Vec<RecordedCall>> {
        self.calls.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn faults(&self) -> MutexGuard<'_, Injector> {
        self.faults.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The sandbox's clock in milliseconds: the real one, off by the injected skew.
    fn now_ms(&self) -> i64 {
        now_ms() + self.faults().faults().clock_skew_s * 1000
    }

    /// The sandbox's clock in seconds.
    fn now(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }

    fn base_url(&self) -> String {
        format!("{}/1.0", self.origin)
    }
}

/// A sandbox serving on a port; it stops when dropped or on [`RunningSandbox::stop`].
#[derive(Debug)]
pub struct RunningSandbox {
    sandbox: Arc<Sandbox>,
    address: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    /// The API base URL clients sign for, e.g. `http://127.0.0.1:8081/1.0`.
    pub fn base_url(&self) -> String {
        self.sandbox.base_url()
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Creates a consumer key and validates it at once, as a person would on the validation
    /// page: for scenarios and tests that need a working key.
    pub fn validated_key(
        &self,
        application_key: &str,
        rules: Vec<AccessRule>,
        lifetime_s: Option<i64>,
    ) -> Result<String, Refusal> {
        let mut auth = self.sandbox.auth();
        let now = self.sandbox.now();
        let pending = auth.request(application_key, rules, None, now)?;
        auth.decide(&pending.token, true, lifetime_s, now);
        Ok(pending.consumer_key)
    }

    /// Publishes keys for people to try the sandbox with, on `GET /sandbox/demo`.
    pub fn publish_demo(&self, keys: DemoKeys) {
        *self.sandbox.demo.lock().unwrap_or_else(|p| p.into_inner()) = Some(keys);
    }

    /// Every API call received so far, oldest first.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.sandbox.recorded().clone()
    }

    /// Every task that has ended so far, with its times to the millisecond.
    pub fn finished_tasks(&self) -> Vec<crate::tasks::Finished> {
        let now_ms = self.sandbox.now_ms();
        let mut world = self.sandbox.world();
        world.settle(now_ms);
        world.finished.clone()
    }

    /// Revokes a consumer key, as a user can in OVHcloud's Control Panel.
    pub fn revoke(&self, consumer_key: &str) -> bool {
        self.sandbox.auth().revoke(consumer_key)
    }

    /// Stops serving and waits for the server to finish.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// Starts `scenario` on a free loopback port for another crate's tests: one application
/// (`key`, `secret`), and a validated consumer key holding `rules`, returned with the sandbox.
pub async fn start_with_key(
    application: (&str, &str),
    scenario: Scenario,
    latency: Latency,
    faults: Faults,
    rules: Vec<AccessRule>,
) -> Result<(RunningSandbox, String), String> {
    let sandbox = start(Config {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        public_origin: None,
        applications: vec![Application {
            id: 1,
            key: application.0.into(),
            secret: application.1.into(),
            name: "Tests".into(),
        }],
        accounts: Vec::new(),
        scenario,
        latency,
        faults,
    })
    .await?;
    let key = sandbox
        .validated_key(application.0, rules, None)
        .map_err(|refusal| format!("{refusal:?}"))?;
    Ok((sandbox, key))
}

/// Every method on `/email/*`: the rules of a key that may do a whole migration.
pub fn every_email_rule() -> Vec<AccessRule> {
    [Method::Get, Method::Post, Method::Put, Method::Delete]
        .into_iter()
        .map(|method| AccessRule {
            method,
            path: "/email/*".into(),
        })
        .collect()
}

/// Loads the schemas, binds, and serves in the background.
pub async fn start(config: Config) -> Result<RunningSandbox, String> {
    let api = Api::load()?;
    let mut world = World::from_scenario(&config.scenario, now())?;
    let customer = config.scenario.account.clone();
    world.set_task_errors(config.faults.task_error_rate, config.faults.seed);
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the listening address: {e}"))?;
    let origin = config
        .public_origin
        .clone()
        .unwrap_or_else(|| format!("http://{address}"))
        .trim_end_matches('/')
        .to_owned();
    let sandbox = Arc::new(Sandbox {
        api,
        auth: Mutex::new(Auth::new(config.applications)),
        world: Mutex::new(world),
        latency: config.latency,
        faults: Mutex::new(Injector::new(config.faults)),
        origin,
        accounts: config.accounts,
        customer,
        demo: Mutex::new(None),
        queries: AtomicU64::new(0),
        calls: Mutex::new(Vec::new()),
    });
    let app = Router::new()
        .route("/1.0/{*rest}", any(api_call))
        .route("/auth/", get(validation_form).post(validation_decision))
        .route("/sandbox/faults", get(show_faults).put(set_faults))
        .route("/sandbox/demo", get(show_demo))
        .route("/sandbox/clock", get(show_clock))
        .route("/sandbox/calls", get(show_calls))
        .route("/sandbox/dns/{domain}", put(set_zone))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&sandbox),
            query_id,
        ))
        .with_state(Arc::clone(&sandbox));
    let (shutdown, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });
    Ok(RunningSandbox {
        sandbox,
        address,
        shutdown: Some(shutdown),
        task: Some(task),
    })
}

/// Every answer carries an `X-Ovh-QueryID`, as OVHcloud's do.
async fn query_id(State(sandbox): State<Arc<Sandbox>>, request: Request, next: Next) -> Response {
    let n = sandbox.queries.fetch_add(1, Ordering::Relaxed) + 1;
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&format!("SBX.sandbox-1.{n:08x}")) {
        response.headers_mut().insert("X-Ovh-QueryID", value);
    }
    response
}

async fn api_call(State(sandbox): State<Arc<Sandbox>>, request: Request) -> Response {
    let trouble = sandbox.faults().next_call();
    match trouble {
        Trouble::ServerError(503) => {
            return Refusal::api(503, "Server::ServiceUnavailable", "Service unavailable")
                .into_response();
        }
        Trouble::ServerError(status) => {
            return Refusal::api(
                status,
                "Server::InternalServerError",
                "Internal server error",
            )
            .into_response();
        }
        Trouble::RateLimited => {
            return Refusal::api(429, "Client::TooManyRequests", "Too many requests")
                .into_response();
        }
        Trouble::Slow(ms) => tokio::time::sleep(std::time::Duration::from_millis(ms)).await,
        Trouble::Drop | Trouble::None => {}
    }
    let dropped = trouble == Trouble::Drop;
    let response = match answer(&sandbox, request, dropped).await {
        Ok(response) => response,
        Err(refusal) => refusal.into_response(),
    };
    if !dropped {
        return response;
    }
    // The call was carried out, then the connection closed mid-answer: the client cannot
    // tell whether its write happened, as after a real network fault.
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let broken = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("connection dropped"))
    });
    Response::from_parts(parts, axum::body::Body::from_stream(broken))
}

/// Answers one API call and records it.
async fn answer(sandbox: &Sandbox, request: Request, dropped: bool) -> Result<Response, Refusal> {
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT).await.map_err(|_| {
        Refusal::api(
            413,
            "Client::RequestEntityTooLarge",
            "Request body too large",
        )
    })?;
    let path = parts
        .uri
        .path_and_query()
        .map_or("", |p| p.as_str())
        .trim_start_matches("/1.0")
        .to_owned();
    let method = parts.method.to_string();
    let body_sha1 = (!bytes.is_empty()).then(|| sha1_hex(&bytes));
    let answered = carry_out(sandbox, Request::from_parts(parts, bytes.into())).await;
    let status = match &answered {
        Ok(response) => response.status().as_u16(),
        Err(refusal) => refusal.status,
    };
    sandbox.recorded().push(RecordedCall {
        method,
        path,
        body_sha1,
        status,
        dropped,
    });
    answered
}

fn sha1_hex(bytes: &[u8]) -> String {
    use sha1::Digest;
    sha1::Sha1::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Carries out one API call.
async fn carry_out(sandbox: &Sandbox, request: Request) -> Result<Response, Refusal> {
    let method = match request.method().as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        _ => return Err(Refusal::unknown_method()),
    };
    let uri = request.uri().clone();
    let path = uri
        .path()
        .strip_prefix("/1.0")
        .unwrap_or_default()
        .to_owned();
    let path_and_query = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.clone(),
    };
    let headers = request.headers().clone();
    let bytes = to_bytes(request.into_body(), BODY_LIMIT)
        .await
        .map_err(|_| {
            Refusal::api(
                413,
                "Client::RequestEntityTooLarge",
                "Request body too large",
            )
        })?;
    let body = String::from_utf8(bytes.to_vec()).map_err(|_| Refusal::invalid_signature())?;

    let found = sandbox.api.find(method, &path);
    if let Ok(matched) = &found
        && !matched.route.authenticated
    {
        return unauthenticated(sandbox, matched.route, &headers, &body);
    }
    let presented = Presented {
        application: header_str(&headers, "X-Ovh-Application"),
        consumer: header_str(&headers, "X-Ovh-Consumer"),
        timestamp: header_str(&headers, "X-Ovh-Timestamp"),
        signature: header_str(&headers, "X-Ovh-Signature"),
    };
    let canonical = format!("{}{path_and_query}", sandbox.base_url());
    let now = sandbox.now();
    let credential = sandbox
        .auth()
        .authenticate(&presented, method, &canonical, &body, now)?;
    let matched = found.map_err(|no_route| match no_route {
        NoRoute::UnknownPath => Refusal::unknown_path(),
        NoRoute::UnknownMethod => Refusal::unknown_method(),
    })?;
    if !granted(&credential, method, &path) {
        return Err(Refusal::not_granted());
    }
    let query: Vec<(String, String)> = uri.query().map(url_pairs).unwrap_or_default();
    check_query(&sandbox.api, &matched.route.query, &query)?;
    let body = check_body(&sandbox.api, &matched.route.body, &body)?;
    authenticated(
        sandbox,
        &credential,
        matched.route,
        &matched.params,
        &query,
        body.as_ref(),
        &headers,
    )
}

/// `/auth/time` and `/auth/credential`, the calls made before having a consumer key.
fn unauthenticated(
    sandbox: &Sandbox,
    route: &Route,
    headers: &HeaderMap,
    body: &str,
) -> Result<Response, Refusal> {
    match route.template.as_str() {
        "/auth/time" => Ok(axum::Json(sandbox.now()).into_response()),
        "/auth/credential" => {
            let application =
                header_str(headers, "X-Ovh-Application").ok_or_else(Refusal::invalid_key)?;
            let value = check_body(&sandbox.api, &route.body, body)?.unwrap_or(Value::Null);
            let request: CredentialRequest = serde_json::from_value(value)
                .map_err(|e| Refusal::bad_request(format!("Invalid body: {e}")))?;
            let credential = sandbox.auth().request(
                application,
                request.access_rules,
                request.redirection,
                sandbox.now(),
            )?;
            Ok(axum::Json(json!({
                "consumerKey": credential.consumer_key,
                "state": "pendingValidation",
                "validationUrl": format!("{}/auth/?credentialToken={}", sandbox.origin, credential.token),
            }))
            .into_response())
        }
        _ => Err(Refusal::unknown_path()),
    }
}

/// Signed, granted and valid calls. Reads are served from the world; what the sandbox does not
/// model answers as OVHcloud does for an object that does not exist, never with success.
fn authenticated(
    sandbox: &Sandbox,
    credential: &Credential,
    route: &Route,
    params: &std::collections::BTreeMap<String, String>,
    query: &[(String, String)],
    body: Option<&Value>,
    headers: &HeaderMap,
) -> Result<Response, Refusal> {
    if route.method == Method::Get && route.template == "/auth/currentCredential" {
        return Ok(axum::Json(current_credential(sandbox, credential)).into_response());
    }
    if route.method == Method::Get && route.template == "/auth/details" {
        return Ok(axum::Json(json!({
            "account": sandbox.customer,
            "method": "account",
            "identities": [format!("urn:v1:eu:identity:account:{}", sandbox.customer)],
            "allowedRoutes": credential.rules,
            "description": null,
            "roles": null,
            "user": null,
        }))
        .into_response());
    }
    let now_ms = sandbox.now_ms();
    let call = Call {
        api: &sandbox.api,
        route,
        params,
        query,
        body,
        now_ms,
    };
    let mut world = sandbox.world();
    world.settle(now_ms);
    if route.method != Method::Get {
        match write(&call, &mut world, &sandbox.latency) {
            Some(Ok(answer)) => return Ok(axum::Json(answer).into_response()),
            Some(Err(refusal)) => return Err(refusal),
            None => {}
        }
    } else {
        let found = read(&call, &world);
        match found {
            Some(Ok(Found::Object(object))) => return Ok(axum::Json(object).into_response()),
            Some(Ok(Found::Collection { ids, objects })) => {
                return collection(ids, objects, headers);
            }
            Some(Err(refusal)) => return Err(refusal),
            None => {}
        }
    }
    match route
        .template
        .split('/')
        .find_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
    {
        Some(name) => Err(Refusal::not_found(
            name,
            params.get(name).map_or("", String::as_str),
        )),
        None => Err(Refusal::unknown_path()),
    }
}

fn current_credential(sandbox: &Sandbox, credential: &Credential) -> Value {
    let application_id = sandbox
        .auth()
        .application(&credential.application_key)
        .map_or(0, |a| a.id);
    let state = credential.state_at(sandbox.now());
    json!({
        "credentialId": credential.id,
        "applicationId": application_id,
        "status": state,
        "creation": rfc3339(credential.created),
        "expiration": credential.expires.map(rfc3339),
        "lastUse": credential.last_use.map(rfc3339),
        "ovhSupport": false,
        "allowedIPs": null,
        "rules": credential.rules,
    })
}

/// A list answer: ids, or with bulk listing headers a page of full objects.
fn collection(
    ids: Vec<Value>,
    objects: Vec<Value>,
    headers: &HeaderMap,
) -> Result<Response, Refusal> {
    if header_str(headers, "X-Pagination-Mode") != Some("CachedObjectList-Pages") {
        return Ok(axum::Json(ids).into_response());
    }
    let number = |name| header_str(headers, name).and_then(|v| v.trim().parse::<usize>().ok());
    let request = PageRequest {
        size: number("X-Pagination-Size").unwrap_or(5000),
        number: number("X-Pagination-Number").unwrap_or(1),
        sort: header_str(headers, "X-Pagination-Sort").map(str::to_owned),
        descending: header_str(headers, "X-Pagination-Sort-Order") == Some("DESC"),
        filter: header_str(headers, "X-Pagination-Filter").map(str::to_owned),
    };
    let found = page(objects, &request)?;
    let mut response = axum::Json(found.items).into_response();
    response
        .headers_mut()
        .insert("X-Pagination-Elements", HeaderValue::from(found.total));
    Ok(response)
}

/// The query parameters of the validation page.
#[derive(Debug, Deserialize)]
struct TokenQuery {
    #[serde(rename = "credentialToken")]
    credential_token: String,
}

async fn validation_form(
    State(sandbox): State<Arc<Sandbox>>,
    Query(query): Query<TokenQuery>,
) -> Response {
    let auth = sandbox.auth();
    let Some(credential) = auth.by_token(&query.credential_token) else {
        return (
            StatusCode::NOT_FOUND,
            Html(validation_page::message(
                "Unknown request",
                "This authorization link is not valid.",
            )),
        )
            .into_response();
    };
    if credential.state != CredentialState::PendingValidation {
        return Html(validation_page::message(
            "Already decided",
            "This request was already granted or refused.",
        ))
        .into_response();
    }
    match auth.application(&credential.application_key) {
        Some(application) => {
            Html(validation_page::page(application, credential, None)).into_response()
        }
        None => (
            StatusCode::NOT_FOUND,
            Html(validation_page::message(
                "Unknown application",
                "The application was removed.",
            )),
        )
            .into_response(),
    }
}

async fn validation_decision(
    State(sandbox): State<Arc<Sandbox>>,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| form.get(name).map_or("", String::as_str);
    let token = field("credentialToken");
    let logged_in = sandbox
        .accounts
        .iter()
        .any(|(login, password)| login == field("login") && password == field("password"));
    let mut auth = sandbox.auth();
    if !logged_in {
        let page = auth.by_token(token).and_then(|credential| {
            let application = auth.application(&credential.application_key)?;
            Some(validation_page::page(
                application,
                credential,
                Some("Wrong account or password."),
            ))
        });
        return match page {
            Some(page) => (StatusCode::UNAUTHORIZED, Html(page)).into_response(),
            None => (
                StatusCode::NOT_FOUND,
                Html(validation_page::message(
                    "Unknown request",
                    "This authorization link is not valid.",
                )),
            )
                .into_response(),
        };
    }
    let lifetime = field("validity")
        .parse::<usize>()
        .ok()
        .and_then(|i| LIFETIMES.get(i))
        .map_or(Some(86_400), |(_, seconds)| *seconds);
    let grant = field("decision") == "grant";
    match auth.decide(token, grant, lifetime, sandbox.now()) {
        Some(credential) => match credential.redirection {
            Some(target) => Redirect::to(&target).into_response(),
            None if grant => Html(validation_page::message(
                "Access granted",
                "You can close this page and go back to the application.",
            ))
            .into_response(),
            None => Html(validation_page::message(
                "Access refused",
                "The application will not get access.",
            ))
            .into_response(),
        },
        None => (
            StatusCode::CONFLICT,
            Html(validation_page::message(
                "Already decided",
                "This request was already granted or refused.",
            )),
        )
            .into_response(),
    }
}

async fn show_calls(State(sandbox): State<Arc<Sandbox>>) -> Response {
    axum::Json(sandbox.recorded().clone()).into_response()
}

/// How long a typical task takes here, so that a client can wait at this sandbox's pace
/// rather than OVHcloud's (nothing like it exists on OVHcloud).
async fn show_clock(State(sandbox): State<Arc<Sandbox>>) -> Response {
    axum::Json(json!({ "typicalTaskMs": sandbox.latency.typical_task_ms() })).into_response()
}

async fn show_demo(State(sandbox): State<Arc<Sandbox>>) -> Response {
    let demo = sandbox
        .demo
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    match demo {
        Some(keys) => axum::Json(keys).into_response(),
        None => Refusal::api(
            404,
            "Client::NotFound",
            "This sandbox was started with its own applications: it has no demo keys",
        )
        .into_response(),
    }
}

async fn show_faults(State(sandbox): State<Arc<Sandbox>>) -> Response {
    axum::Json(sandbox.faults().faults().clone()).into_response()
}

/// Replaces the faults in force; the draws start again from the new seed.
async fn set_faults(
    State(sandbox): State<Arc<Sandbox>>,
    axum::Json(faults): axum::Json<Faults>,
) -> Response {
    sandbox
        .world()
        .set_task_errors(faults.task_error_rate, faults.seed);
    *sandbox.faults() = Injector::new(faults.clone());
    axum::Json(faults).into_response()
}

/// Publishes a domain's records in the simulated DNS.
async fn set_zone(
    State(sandbox): State<Arc<Sandbox>>,
    axum::extract::Path(domain): axum::extract::Path<String>,
    axum::Json(zone): axum::Json<Zone>,
) -> Response {
    sandbox.world().dns.insert(domain, zone.clone());
    axum::Json(zone).into_response()
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn url_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (decode(name), decode(value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_are_decoded() {
        assert_eq!(
            url_pairs("primaryEmailAddress=john%2Bx@d.fr&id=3"),
            vec![
                ("primaryEmailAddress".into(), "john+x@d.fr".into()),
                ("id".into(), "3".into())
            ]
        );
    }
}
