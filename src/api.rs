//! Talking to the proxy from the browser: what it forwards to, the sandbox's demo keys, and
//! building a signed client for the chosen endpoint.

use std::sync::OnceLock;

use mailshift_migrate::engine::Timing;
use mailshift_ovh::json::Unsaved;
use mailshift_ovh::rate_limit::Pacing;
use mailshift_ovh::transport::BrowserTransport;
use mailshift_ovh::{
    CallLog, Client, ClientConfig, Credentials, Endpoint, Error, ErrorKind, HttpRequest, Method,
    SystemClock, Transport,
};
use mailshift_wizard::EndpointChoice;
use mailshift_wizard::pace::{BURST, EndpointPace, OVH_PER_MINUTE, pace};

/// The client the pages use.
pub type ApiClient = Client<BrowserTransport, SystemClock>;

/// The pace of every client the app builds for OVHcloud, one bucket per consumer key.
static PACING: Pacing = Pacing::new(OVH_PER_MINUTE, BURST);

/// The pace of clients for the proxy's sandbox, set by its clock the first time it is read.
static SANDBOX_PACING: OnceLock<Pacing> = OnceLock::new();

/// Where the proxy forwards (`GET /api`, upstream name to origin). OVHcloud's origins are known,
/// so only the sandbox's is read.
#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Deserialize)]
pub struct Upstreams {
    upstreams: Forwarded,
    /// How long the sandbox's tasks typically take, in milliseconds, read from its clock.
    sandbox_task_ms: Unsaved<Option<u64>>,
}

/// The sandbox's clock (`GET /sandbox/clock`).
#[derive(miniserde::Deserialize)]
struct SandboxClock {
    #[serde(rename = "typicalTaskMs")]
    typical_task_ms: u64,
}

/// The upstreams the app reads, named as the proxy names them ([`EndpointChoice::id`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Deserialize)]
struct Forwarded {
    sandbox: Option<String>,
}

impl Upstreams {
    /// The sandbox's origin, when the proxy was started with one.
    pub fn sandbox(&self) -> Option<&str> {
        self.upstreams.sandbox.as_deref()
    }

    /// Whether the proxy was started with a sandbox.
    pub fn has_sandbox(&self) -> bool {
        self.sandbox().is_some()
    }

    /// How fast to go on `choice`: OVHcloud's pace, or the sandbox's.
    pub fn pace(&self, choice: EndpointChoice) -> EndpointPace {
        match choice {
            EndpointChoice::Sandbox => pace(Some(self.sandbox_task_ms.unwrap_or(0))),
            _ => pace(None),
        }
    }

    /// How the engine waits on `choice`.
    pub fn timing(&self, choice: EndpointChoice) -> Timing {
        self.pace(choice).timing
    }
}

/// The sandbox's published demo keys (`GET /sandbox/demo` on the sandbox).
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Deserialize)]
pub struct DemoKeys {
    /// The demo application key.
    #[serde(rename = "applicationKey")]
    pub application_key: String,
    /// The demo application secret.
    #[serde(rename = "applicationSecret")]
    pub application_secret: String,
    /// A ready consumer key.
    #[serde(rename = "consumerKey")]
    pub consumer_key: String,
    /// Login and password for the sandbox's validation page.
    pub login: (String, String),
}

/// The page's own origin, the default proxy.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The address OVHcloud sends the person back to after validation.
pub fn return_address() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned());
    format!("{}{path}?validated=1", page_origin())
}

/// Whether this tab is the one OVHcloud's validation page sent back.
pub fn is_validation_return() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("validated=1"))
}

async fn get_json<R: miniserde::Deserialize>(url: String) -> Result<R, Error> {
    let body = get_body(url.clone()).await?;
    mailshift_ovh::json::from_str(&body).map_err(|_| {
        Error::new(
            ErrorKind::UnexpectedResponse,
            format!("the proxy's answer to {url} is not what this version of Mailshift reads"),
        )
    })
}

/// The body of a successful `GET`; apart from [`get_json`] so that it exists once.
async fn get_body(url: String) -> Result<String, Error> {
    let response = BrowserTransport
        .send(HttpRequest {
            method: Method::Get,
            url,
            headers: Vec::new(),
            body: None,
        })
        .await
        .map_err(|e| Error::new(ErrorKind::NetworkFault, e.message))?;
    if !response.is_success() {
        let query_id = response.header("X-Ovh-QueryID").map(str::to_owned);
        return Err(Error::from_response(
            response.status,
            &response.body,
            query_id,
        ));
    }
    Ok(response.body)
}

/// Asks the proxy where it forwards, and the sandbox, if any, how fast its clock runs.
pub async fn upstreams(proxy: &str) -> Result<Upstreams, Error> {
    let proxy = proxy.trim_end_matches('/');
    let mut found: Upstreams = get_json(format!("{proxy}/api")).await?;
    if found.has_sandbox() {
        // A sandbox that does not say how fast it runs is waited for at the fastest pace.
        let clock: Option<SandboxClock> = get_json(format!("{proxy}/api/sandbox/sandbox/clock"))
            .await
            .ok();
        found.sandbox_task_ms = Unsaved(clock.map(|c| c.typical_task_ms));
    }
    Ok(found)
}

/// Reads the sandbox's demo keys through the proxy.
pub async fn demo_keys(proxy: &str) -> Result<DemoKeys, Error> {
    get_json(format!(
        "{}/api/sandbox/sandbox/demo",
        proxy.trim_end_matches('/')
    ))
    .await
}

/// A client for `choice` through `proxy`, signed with `credentials` when given, recording its
/// calls in `calls`.
pub fn client(
    choice: EndpointChoice,
    proxy: &str,
    upstreams: &Upstreams,
    credentials: Option<Credentials>,
    calls: CallLog,
) -> Result<ApiClient, Error> {
    let endpoint = match choice.ovh_endpoint() {
        Some(endpoint) => endpoint,
        None => {
            let origin = upstreams
                .sandbox()
                .ok_or_else(|| Error::bad_input("this proxy was started without a sandbox"))?;
            Endpoint::custom(&format!("{origin}/1.0"))
                .map_err(|e| Error::bad_input(e.to_string()))?
        }
    };
    let config = ClientConfig::new(endpoint).sent_via(format!(
        "{}/api/{}/1.0",
        proxy.trim_end_matches('/'),
        choice.id()
    ));
    let client = Client::new(config, BrowserTransport, SystemClock).with_call_log(calls);
    let client = match credentials {
        Some(credentials) => client.with_credentials(credentials),
        None => client,
    };
    let pacing = match choice {
        EndpointChoice::Sandbox => {
            SANDBOX_PACING.get_or_init(|| Pacing::new(upstreams.pace(choice).per_minute, BURST))
        }
        _ => &PACING,
    };
    Ok(client.paced_by(pacing))
}
