//! Talking to the proxy from the browser: what it forwards to, the sandbox's demo keys, and
//! building a signed client for the chosen endpoint.

use mailshift_ovh::rate_limit::Pacing;
use mailshift_ovh::transport::BrowserTransport;
use mailshift_ovh::{
    Client, ClientConfig, Credentials, Endpoint, Error, ErrorKind, HttpRequest, Method,
    SystemClock, Transport,
};
use mailshift_wizard::EndpointChoice;

/// The client the pages use.
pub type ApiClient = Client<BrowserTransport, SystemClock>;

/// The pace of every client the app builds, one bucket per consumer key: 40 calls a minute
/// with bursts of 20 keeps any minute at 60 calls or fewer, under what OVHcloud staff call safe
/// per key, with a burst large enough that discovering a typical account does not wait.
static PACING: Pacing = Pacing::new(40, 20);

/// Where the proxy forwards (`GET /api`, upstream name to origin). OVHcloud's origins are known,
/// so only the sandbox's is read.
#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Deserialize)]
pub struct Upstreams {
    upstreams: Forwarded,
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

/// Asks the proxy where it forwards.
pub async fn upstreams(proxy: &str) -> Result<Upstreams, Error> {
    get_json(format!("{}/api", proxy.trim_end_matches('/'))).await
}

/// Reads the sandbox's demo keys through the proxy.
pub async fn demo_keys(proxy: &str) -> Result<DemoKeys, Error> {
    get_json(format!(
        "{}/api/sandbox/sandbox/demo",
        proxy.trim_end_matches('/')
    ))
    .await
}

/// A client for `choice` through `proxy`, signed with `credentials` when given.
pub fn client(
    choice: EndpointChoice,
    proxy: &str,
    upstreams: &Upstreams,
    credentials: Option<Credentials>,
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
    let client = Client::new(config, BrowserTransport, SystemClock);
    let client = match credentials {
        Some(credentials) => client.with_credentials(credentials),
        None => client,
    };
    Ok(client.paced_by(&PACING))
}
