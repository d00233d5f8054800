//! The API client: signs, paces, times out and retries calls, and reads OVH errors.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::{Either, LocalBoxFuture, select};

use crate::call_log::{CallLog, CallRecord};
use crate::clock::Clock;
use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::error::{Call, Error, ErrorKind};
use crate::json;
use crate::models::auth::{
    AccessRule, AuthDetails, CredentialRequest, CurrentCredential, PendingCredential,
};
use crate::operations;
use crate::path::ApiPath;
use crate::rate_limit::{Pacing, Priority, RateLimiter};
use crate::retry::RetryPolicy;
use crate::signing::{Signed, signature};
use crate::transport::{HttpRequest, HttpResponse, Transport};

/// The header carrying OVHcloud's identifier of a query, shown to users on errors.
pub const QUERY_ID_HEADER: &str = "X-Ovh-QueryID";

/// Bulk listing: the first page's number. *Unconfirmed*: OVHcloud's Control Panel counts from 1.
const FIRST_PAGE: u32 = 1;

/// Decodes one page of a listing, given the collection's total size when known, and says how
/// many objects the page held.
type PageTaker<'a> = dyn FnMut(&HttpResponse, Option<usize>) -> Result<usize, Error> + 'a;

/// How the client behaves; every field has a safe default.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// The API the calls are addressed to (and signed for).
    pub endpoint: Endpoint,
    /// Where calls are sent instead, e.g. `http://127.0.0.1:8080/api/ovh-eu/1.0` for the proxy;
    /// `None` sends them to the endpoint itself.
    pub send_base: Option<String>,
    /// Retries of reads.
    pub retry: RetryPolicy,
    /// The longest wait for one answer; OVHcloud's own clients use 180 s.
    pub timeout: Duration,
    /// Objects per page in bulk listings.
    pub page_size: u32,
}

impl ClientConfig {
    /// Defaults for an endpoint, sending directly to it.
    pub fn new(endpoint: Endpoint) -> Self {
        Self {
            endpoint,
            send_base: None,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(180),
            page_size: 100,
        }
    }

    /// The same, sending through `base` (the proxy's prefix for this endpoint).
    pub fn sent_via(mut self, base: impl Into<String>) -> Self {
        self.send_base = Some(base.into().trim_end_matches('/').to_owned());
        self
    }
}

/// An OVH API client over a transport and a clock.
#[derive(Debug)]
pub struct Client<T, C> {
    config: ClientConfig,
    credentials: Option<Credentials>,
    transport: T,
    clock: C,
    limiter: Arc<RateLimiter>,
    calls: Option<CallLog>,
    /// Seconds to add to the local clock to get OVHcloud's; `None` until synchronised.
    server_offset: Mutex<Option<i64>>,
    jitter: Mutex<fastrand::Rng>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// A client without credentials (enough for `/auth/time` and requesting a consumer key).
    pub fn new(config: ClientConfig, transport: T, clock: C) -> Self {
        let seed = clock.now_ms().unsigned_abs();
        Self {
            config,
            credentials: None,
            transport,
            clock,
            limiter: Arc::new(RateLimiter::default()),
            calls: None,
            server_offset: Mutex::new(None),
            jitter: Mutex::new(fastrand::Rng::with_seed(seed)),
        }
    }

    /// The same client, signing with these credentials.
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The same client, sharing a rate limiter with other clients of the same consumer key.
    pub fn with_rate_limiter(mut self, limiter: Arc<RateLimiter>) -> Self {
        self.limiter = limiter;
        self
    }

    /// The same client, paced by the limiter `pacing` keeps for its consumer key (set the
    /// credentials first): every client of one key then shares one pace, as OVHcloud counts.
    pub fn paced_by(mut self, pacing: &Pacing) -> Self {
        let key = self
            .credentials
            .as_ref()
            .map_or("", |c| c.consumer_key.expose());
        self.limiter = pacing.for_key(key);
        self
    }

    /// The same client, recording every call it sends in `log`.
    pub fn with_call_log(mut self, log: CallLog) -> Self {
        self.calls = Some(log);
        self
    }

    /// The transport the client sends with.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The clock the client uses.
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// Reads `path` and decodes the answer.
    pub async fn get<R: miniserde::Deserialize>(&self, path: &ApiPath) -> Result<R, Error> {
        decode(path, &self.request(path, None, &[]).await?)
    }

    /// Calls `path` with a JSON body and decodes the answer. The body is a trait object: one
    /// copy of the call serves every body type.
    pub async fn send<R: miniserde::Deserialize>(
        &self,
        path: &ApiPath,
        body: &dyn miniserde::Serialize,
    ) -> Result<R, Error> {
        // Serialised once: the same string is signed and sent.
        let body = encode(body);
        decode(path, &self.request(path, Some(&body), &[]).await?)
    }

    /// Calls `path` without a body and decodes the answer (for `DELETE` and bodiless `POST`).
    pub async fn call<R: miniserde::Deserialize>(&self, path: &ApiPath) -> Result<R, Error> {
        decode(path, &self.request(path, None, &[]).await?)
    }

    /// Reads a whole collection as full objects, a page at a time (spec section 2).
    pub async fn list_all<R: miniserde::Deserialize>(
        &self,
        path: &ApiPath,
    ) -> Result<Vec<R>, Error> {
        let mut all = Vec::new();
        self.list_pages(path, |items, _, _| all.extend(items))
            .await?;
        Ok(all)
    }

    /// Reads a whole collection page by page, handing each page to `on_page` with how many
    /// objects were read so far and the total when OVHcloud gives it: for progress.
    pub async fn list_pages<R: miniserde::Deserialize>(
        &self,
        path: &ApiPath,
        mut on_page: impl FnMut(Vec<R>, usize, Option<usize>),
    ) -> Result<(), Error> {
        let mut listed = 0;
        self.each_page(path, &mut |response, total| {
            let items: Vec<R> = decode(path, response)?;
            let got = items.len();
            listed += got;
            on_page(items, listed, total);
            Ok(got)
        })
        .await
    }

    /// The paging loop, apart from the decoding so that it exists once whatever is listed;
    /// the total comes from `X-Pagination-Elements`.
    async fn each_page(&self, path: &ApiPath, take: &mut PageTaker<'_>) -> Result<(), Error> {
        let mut page = FIRST_PAGE;
        let mut listed = 0;
        loop {
            let headers = [
                ("X-Pagination-Mode", "CachedObjectList-Pages".to_owned()),
                ("X-Pagination-Size", self.config.page_size.to_string()),
                ("X-Pagination-Number", page.to_string()),
            ];
            let response = self.request(path, None, &headers).await?;
            let total = response
                .header("X-Pagination-Elements")
                .and_then(|v| v.trim().parse::<usize>().ok());
            let got = take(&response, total)?;
            listed += got;
            match total {
                Some(total) if listed < total && got > 0 => page += 1,
                _ => return Ok(()),
            }
        }
    }

    /// OVHcloud's clock, in Unix seconds, synchronising once with `GET /auth/time` if needed.
    pub async fn server_time(&self) -> Result<i64, Error> {
        let known = *self.lock_offset();
        let offset = match known {
            Some(offset) => offset,
            None => self.synchronise().await?,
        };
        Ok(self.local_seconds() + offset)
    }

    /// Reads `GET /auth/time` and keeps the difference with the local clock.
    pub async fn synchronise(&self) -> Result<i64, Error> {
        let path = operations::auth::TIME.path(&[])?;
        let response = self.send_once(&path, None, &[], Priority::Normal).await?;
        if !response.is_success() {
            return Err(to_error(&path, &response));
        }
        let server: i64 = decode(&path, &response)?;
        let offset = server - self.local_seconds();
        *self.lock_offset() = Some(offset);
        Ok(offset)
    }

    /// Sends a call with pacing, clock re-synchronisation and, for reads, retries.
    ///
    /// Boxed: every typed call awaits it, and a boxed future keeps one copy of its state
    /// machine in the web app's bundle instead of one inside each caller's.
    pub fn request<'a>(
        &'a self,
        path: &'a ApiPath,
        body: Option<&'a str>,
        extra_headers: &'a [(&'a str, String)],
    ) -> LocalBoxFuture<'a, Result<HttpResponse, Error>> {
        Box::pin(self.request_with_retries(path, body, extra_headers, Priority::Normal))
    }

    /// [`Client::request`] for a call that goes ahead of the other waiting calls of its key
    /// (see [`Priority::Urgent`]).
    pub fn request_urgent<'a>(
        &'a self,
        path: &'a ApiPath,
        body: Option<&'a str>,
    ) -> LocalBoxFuture<'a, Result<HttpResponse, Error>> {
        Box::pin(self.request_with_retries(path, body, &[], Priority::Urgent))
    }

    async fn request_with_retries(
        &self,
        path: &ApiPath,
        body: Option<&str>,
        extra_headers: &[(&str, String)],
        priority: Priority,
    ) -> Result<HttpResponse, Error> {
        let mut attempts = 0;
        let mut resynchronised = false;
        loop {
            attempts += 1;
            let error = match self.send_once(path, body, extra_headers, priority).await {
                Ok(response) if response.is_success() => return Ok(response),
                Ok(response) => {
                    let retry_after = response
                        .header("Retry-After")
                        .and_then(|v| v.trim().parse().ok())
                        .map(Duration::from_secs);
                    (to_error(path, &response), retry_after)
                }
                Err(error) => (error, None),
            };
            let (error, retry_after) = error;
            // A refused timestamp means nothing was done, so even a write may go again.
            if error.kind == ErrorKind::ClockSkew
                && !resynchronised
                && path.operation().authenticated
            {
                resynchronised = true;
                self.synchronise().await?;
                continue;
            }
            let retryable = path.method().is_read() && error.kind.is_transient();
            if !retryable || !self.config.retry.allows_another(attempts) {
                return Err(error);
            }
            let random = self.jitter.lock().unwrap_or_else(|p| p.into_inner()).f64();
            let pause = self.config.retry.delay(attempts - 1, random, retry_after);
            self.clock.sleep(pause).await;
        }
    }

    /// One attempt: waits for a rate-limit slot, signs, sends, and applies the timeout.
    async fn send_once(
        &self,
        path: &ApiPath,
        body: Option<&str>,
        extra_headers: &[(&str, String)],
        priority: Priority,
    ) -> Result<HttpResponse, Error> {
        // The slot comes first and the signature after it: a call queued behind many others
        // must carry the time it leaves at, inside OVHcloud's timestamp window.
        self.limiter.acquire_as(&self.clock, priority).await;
        let operation = path.operation();
        let path_and_query = path.path_and_query();
        let canonical = format!("{}{}", self.config.endpoint.base_url(), path_and_query);
        let url = match &self.config.send_base {
            Some(base) => format!("{base}{path_and_query}"),
            None => canonical.clone(),
        };
        let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
        if body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        if operation.authenticated {
            let credentials = self.credentials.as_ref().ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidCredentials,
                    "no consumer key yet: connect first",
                )
            })?;
            let timestamp = Box::pin(self.server_time()).await?;
            let signed = Signed {
                method: operation.method,
                url: &canonical,
                body: body.unwrap_or_default(),
                timestamp,
            };
            let sig = signature(
                credentials.application.secret.expose(),
                credentials.consumer_key.expose(),
                &signed,
            );
            headers.extend([
                (
                    "X-Ovh-Application".to_owned(),
                    credentials.application.key.clone(),
                ),
                (
                    "X-Ovh-Consumer".to_owned(),
                    credentials.consumer_key.expose().to_owned(),
                ),
                ("X-Ovh-Timestamp".to_owned(), timestamp.to_string()),
                ("X-Ovh-Signature".to_owned(), sig),
            ]);
        }
        headers.extend(
            extra_headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), v.clone())),
        );
        let request = HttpRequest {
            method: operation.method,
            url,
            headers,
            body: body.map(str::to_owned),
        };

        let sent_ms = self.clock.now_ms();
        let sending = std::pin::pin!(self.transport.send(request));
        let deadline = std::pin::pin!(self.clock.sleep(self.config.timeout));
        let answer = match select(sending, deadline).await {
            Either::Left((Ok(response), _)) => Ok(response),
            Either::Left((Err(e), _)) => {
                Err(Error::new(ErrorKind::NetworkFault, e.message).on(call_of(path)))
            }
            Either::Right(_) => Err(Error::new(
                ErrorKind::NetworkFault,
                format!("no answer within {} s", self.config.timeout.as_secs()),
            )
            .on(call_of(path))),
        };
        if let Some(log) = &self.calls {
            let response = answer.as_ref().ok();
            log.push(CallRecord {
                at_ms: sent_ms,
                method: operation.method,
                template: operation.template.to_owned(),
                status: response.map(|r| r.status),
                duration_ms: self.clock.now_ms() - sent_ms,
                query_id: response.and_then(|r| r.header(QUERY_ID_HEADER).map(str::to_owned)),
            });
        }
        answer
    }

    /// Sends an unauthenticated call with only the application key (requesting a consumer key).
    pub async fn send_as_application<B: miniserde::Serialize, R: miniserde::Deserialize>(
        &self,
        application_key: &str,
        path: &ApiPath,
        body: &B,
    ) -> Result<R, Error> {
        let body = encode(body);
        let headers = [("X-Ovh-Application", application_key.trim().to_owned())];
        let response = self.request(path, Some(&body), &headers).await?;
        decode(path, &response)
    }

    /// Asks OVHcloud for a consumer key with these rules; the user must then open the
    /// returned validation URL, after which OVHcloud sends them back to `redirection`.
    pub async fn request_credential(
        &self,
        application_key: &str,
        access_rules: Vec<AccessRule>,
        redirection: Option<String>,
    ) -> Result<PendingCredential, Error> {
        let path = operations::auth::CREDENTIAL.path(&[])?;
        let request = CredentialRequest {
            access_rules,
            redirection,
        };
        self.send_as_application(application_key, &path, &request)
            .await
    }

    /// The consumer key's state, rules and expiry: the check that the keys work at all.
    pub async fn current_credential(&self) -> Result<CurrentCredential, Error> {
        self.get(&operations::auth::CURRENT_CREDENTIAL.path(&[])?)
            .await
    }

    /// The OVHcloud account the consumer key acts for.
    pub async fn auth_details(&self) -> Result<AuthDetails, Error> {
        self.get(&operations::auth::DETAILS.path(&[])?).await
    }

    fn local_seconds(&self) -> i64 {
        self.clock.now_ms().div_euclid(1000)
    }

    fn lock_offset(&self) -> std::sync::MutexGuard<'_, Option<i64>> {
        self.server_offset.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn call_of(path: &ApiPath) -> Call {
    Call {
        method: path.method(),
        template: path.operation().template.to_owned(),
    }
}

fn to_error(path: &ApiPath, response: &HttpResponse) -> Error {
    Error::from_response(
        response.status,
        &response.body,
        response.header(QUERY_ID_HEADER).map(str::to_owned),
    )
    .on(call_of(path))
}

fn encode(body: &dyn miniserde::Serialize) -> String {
    json::to_string(body)
}

/// Decodes a successful answer to `path` as `R`: awaiting one boxed [`Client::request`], then
/// decoding, keeps the per-type code of a caller out of its state machine.
pub fn decode<R: miniserde::Deserialize>(
    path: &ApiPath,
    response: &HttpResponse,
) -> Result<R, Error> {
    json::from_str(answer_body(response)).map_err(|_| unreadable(path, response))
}

/// The text to decode: calls documented as `void` answer with an empty body or `null`.
fn answer_body(response: &HttpResponse) -> &str {
    if response.body.trim().is_empty() {
        "null"
    } else {
        &response.body
    }
}

/// An answer that is not what the schema says; kept apart from [`decode`], which exists once
/// per decoded type.
fn unreadable(path: &ApiPath, response: &HttpResponse) -> Error {
    Error::new(
        ErrorKind::UnexpectedResponse,
        "cannot read the answer: it does not have the shape OVHcloud's API schema gives",
    )
    .with_answer(
        response.status,
        response.header(QUERY_ID_HEADER).map(str::to_owned),
    )
    .on(call_of(path))
}
