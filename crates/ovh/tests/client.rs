//! The client's behaviour over an in-memory transport and a manual clock: signing, time sync,
//! retries, errors, timeouts and bulk listing.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures_util::FutureExt;
use mailshift_ovh::json::Ignored;
use mailshift_ovh::models::TaskStatus;
use mailshift_ovh::models::auth::CredentialState;
use mailshift_ovh::models::bodies::NewPassword;
use mailshift_ovh::signing::{Signed, signature};
use mailshift_ovh::tasks::PollSchedule;
use mailshift_ovh::{
    CancelToken, Client, ClientConfig, Clock, Credentials, Endpoint, ErrorKind, HttpRequest,
    HttpResponse, ManualClock, Method, Secret, Transport, TransportError, operations,
};
use serde_json::{Value, json};

const AK: &str = "appKey123";
const AS: &str = "appSecret456";
const CK: &str = "consumerKey789";
const PROXY: &str = "http://127.0.0.1:8080/api/ovh-eu/1.0";
/// The local clock's start, in ms; OVHcloud's clock is 100 s ahead of it.
const LOCAL_MS: i64 = 1_700_000_000_000;
const SERVER_S: i64 = 1_700_000_100;

type Answer = Option<Result<HttpResponse, TransportError>>;

/// Records every request and answers with a script; `None` never answers.
struct Scripted<F> {
    sent: RefCell<Vec<HttpRequest>>,
    answer: F,
}

impl<F: Fn(&HttpRequest, usize) -> Answer> Transport for Scripted<F> {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        let n = self.sent.borrow().len();
        let answer = (self.answer)(&request, n);
        self.sent.borrow_mut().push(request);
        let future: Pin<Box<dyn Future<Output = _>>> = match answer {
            Some(answer) => Box::pin(std::future::ready(answer)),
            None => Box::pin(std::future::pending()),
        };
        future
    }
}

fn ok(body: Value) -> Answer {
    respond(200, &body.to_string(), &[])
}

fn respond(status: u16, body: &str, headers: &[(&str, &str)]) -> Answer {
    let mut all = vec![("X-Ovh-QueryID".to_owned(), "EU.ext-4.test".to_owned())];
    all.extend(
        headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    Some(Ok(HttpResponse {
        status,
        headers: all,
        body: body.to_owned(),
    }))
}

/// Answers `/auth/time`, then defers to `rest` for everything else.
fn with_time(
    rest: impl Fn(&HttpRequest, usize) -> Answer,
) -> impl Fn(&HttpRequest, usize) -> Answer {
    move |request, n| {
        if request.url.ends_with("/auth/time") {
            ok(json!(SERVER_S))
        } else {
            rest(request, n)
        }
    }
}

fn client<F: Fn(&HttpRequest, usize) -> Answer>(answer: F) -> Client<Scripted<F>, ManualClock> {
    let transport = Scripted {
        sent: RefCell::new(Vec::new()),
        answer,
    };
    Client::new(
        ClientConfig::new(Endpoint::OvhEu).sent_via(PROXY),
        transport,
        ManualClock::starting_at(LOCAL_MS),
    )
    .with_credentials(Credentials::new(AK, AS, CK))
}

fn run<T>(future: impl Future<Output = T>) -> T {
    future
        .now_or_never()
        .expect("in-memory transport and manual clock never block")
}

fn header<'a>(request: &'a HttpRequest, name: &str) -> Option<&'a str> {
    request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn sent<F: Fn(&HttpRequest, usize) -> Answer>(
    client: &Client<Scripted<F>, ManualClock>,
) -> Vec<HttpRequest> {
    client.transport().sent.borrow().clone()
}

fn account_path() -> mailshift_ovh::ApiPath {
    operations::pro::ACCOUNT
        .path(&["emailpro-ab1", "john+x@d.fr"])
        .expect("path")
}

#[test]
fn signs_the_canonical_url_with_server_time_and_sends_to_the_proxy() {
    let client = client(with_time(|_, _| ok(json!({"ok": true}))));
    let _: Ignored = run(client.get(&account_path())).expect("answer");
    let _: Ignored = run(client.get(&account_path())).expect("answer");

    let sent = sent(&client);
    assert_eq!(sent.len(), 3, "time is read once, then two calls");
    assert_eq!(sent[0].url, format!("{PROXY}/auth/time"));
    assert_eq!(
        header(&sent[0], "X-Ovh-Signature"),
        None,
        "/auth/time is not signed"
    );

    let call = &sent[1];
    assert_eq!(
        call.url,
        format!("{PROXY}/email/pro/emailpro-ab1/account/john%2Bx@d.fr")
    );
    assert_eq!(header(call, "X-Ovh-Application"), Some(AK));
    assert_eq!(header(call, "X-Ovh-Consumer"), Some(CK));
    assert_eq!(header(call, "X-Ovh-Timestamp"), Some("1700000100"));
    let expected = signature(
        AS,
        CK,
        &Signed {
            method: Method::Get,
            url: "https://eu.api.ovh.com/1.0/email/pro/emailpro-ab1/account/john%2Bx@d.fr",
            body: "",
            timestamp: SERVER_S,
        },
    );
    assert_eq!(header(call, "X-Ovh-Signature"), Some(expected.as_str()));
}

#[test]
fn the_body_is_signed_exactly_as_sent() {
    let client = client(with_time(|_, _| {
        ok(
            json!({"id": 1, "function": "addAlias", "status": "todo", "todoDate": "2026-11-24T10:00:00+01:00", "finishDate": null}),
        )
    }));
    let path = operations::pro::CREATE_ALIAS
        .path(&["emailpro-ab1", "john@d.fr"])
        .expect("path");
    let body = mailshift_ovh::models::bodies::NewAlias {
        alias: "j.smith@d.fr".to_owned(),
    };
    let task: mailshift_ovh::models::Task = run(client.send(&path, &body)).expect("task");
    assert_eq!(task.id, 1);

    let call = &sent(&client)[1];
    let sent_body = call.body.as_deref().expect("a body");
    assert_eq!(sent_body, r#"{"alias":"j.smith@d.fr"}"#);
    assert_eq!(header(call, "Content-Type"), Some("application/json"));
    let expected = signature(
        AS,
        CK,
        &Signed {
            method: Method::Post,
            url: "https://eu.api.ovh.com/1.0/email/pro/emailpro-ab1/account/john@d.fr/alias",
            body: sent_body,
            timestamp: SERVER_S,
        },
    );
    assert_eq!(header(call, "X-Ovh-Signature"), Some(expected.as_str()));
}

#[test]
fn reads_retry_transient_faults_with_growing_pauses() {
    let client = client(with_time(|_, n| match n {
        1 => respond(503, "Service Unavailable", &[]),
        2 => Some(Err(TransportError {
            message: "connection reset".into(),
        })),
        _ => ok(json!("fine")),
    }));
    let answer: String = run(client.get(&account_path())).expect("third attempt succeeds");
    assert_eq!(answer, "fine");
    assert_eq!(sent(&client).len(), 4);
    let pauses = client.clock().sleeps();
    assert_eq!(pauses.len(), 2, "{pauses:?}");
    assert!(pauses[0] <= Duration::from_secs(1) && pauses[1] <= Duration::from_secs(2));
}

#[test]
fn reads_give_up_after_the_last_attempt() {
    let client = client(with_time(|_, _| respond(502, "Bad Gateway", &[])));
    let error = run(client.get::<Ignored>(&account_path())).expect_err("always 502");
    assert_eq!(error.kind, ErrorKind::ServerFault);
    assert_eq!(sent(&client).len(), 1 + 5);
}

#[test]
fn writes_are_never_retried_blindly() {
    let client = client(with_time(|_, _| respond(503, "", &[])));
    let path = operations::pro::UPDATE_ACCOUNT
        .path(&["emailpro-ab1", "john@d.fr"])
        .expect("path");
    let body = mailshift_ovh::models::bodies::AccountUpdate {
        login: "john01".into(),
        domain: "d.fr".into(),
        ..Default::default()
    };
    let error = run(client.send::<()>(&path, &body)).expect_err("503");
    assert_eq!(error.kind, ErrorKind::ServerFault);
    assert_eq!(sent(&client).len(), 2, "one time read, one write, no retry");
    assert!(client.clock().sleeps().is_empty());
}

#[test]
fn a_rate_limit_waits_at_least_what_the_server_asks() {
    let client = client(with_time(|_, n| match n {
        1 => respond(
            429,
            r#"{"class":"Client::TooManyRequests","message":"Too many"}"#,
            &[("Retry-After", "7")],
        ),
        _ => ok(json!(1)),
    }));
    let _: i64 = run(client.get(&account_path())).expect("second attempt");
    assert!(client.clock().sleeps().contains(&Duration::from_secs(7)));
}

#[test]
fn a_refused_timestamp_resynchronises_once_and_retries_even_a_write() {
    let client = client(|request: &HttpRequest, n| {
        if request.url.ends_with("/auth/time") {
            // The first answer is stale; the second one is right.
            return ok(json!(if n == 0 { SERVER_S - 3600 } else { SERVER_S }));
        }
        if header(request, "X-Ovh-Timestamp") == Some(&(SERVER_S - 3600).to_string()) {
            return respond(
                400,
                r#"{"errorCode":"QUERY_TIME_OUT","httpCode":"400 Bad Request","message":"Query out of time"}"#,
                &[],
            );
        }
        ok(json!(null))
    });
    let path = operations::pro::CHANGE_PASSWORD
        .path(&["emailpro-ab1", "john@d.fr"])
        .expect("path");
    let body = NewPassword {
        password: Secret::new("x"),
    };
    let answer: Option<Ignored> = run(client.send(&path, &body)).expect("retried after re-sync");
    assert_eq!(answer, None);
    let urls: Vec<_> = sent(&client).iter().map(|r| r.url.clone()).collect();
    assert_eq!(urls.iter().filter(|u| u.ends_with("/auth/time")).count(), 2);
    assert_eq!(urls.len(), 4);
}

#[test]
fn a_persistent_clock_skew_is_reported_as_such() {
    let client = client(with_time(|_, _| {
        respond(
            400,
            r#"{"errorCode":"QUERY_TIME_OUT","message":"Query out of time"}"#,
            &[],
        )
    }));
    let error = run(client.get::<Ignored>(&account_path())).expect_err("skewed");
    assert_eq!(error.kind, ErrorKind::ClockSkew);
}

#[test]
fn errors_carry_the_query_id_and_name_the_call() {
    let client = client(with_time(|_, _| {
        respond(
            403,
            r#"{"errorCode":"NOT_GRANTED_CALL","httpCode":"403 Forbidden","message":"This call has not been granted"}"#,
            &[],
        )
    }));
    let error = run(client.get::<Ignored>(&account_path())).expect_err("403");
    assert_eq!(error.kind, ErrorKind::MissingRights);
    assert_eq!(error.query_id.as_deref(), Some("EU.ext-4.test"));
    assert!(
        error
            .advice()
            .contains("GET /email/pro/{service}/account/{email}")
    );
    assert_eq!(sent(&client).len(), 2, "missing rights are not retried");
}

#[test]
fn an_unexpected_answer_is_an_error_with_its_query_id() {
    let client = client(with_time(|_, _| ok(json!({"not": "a list"}))));
    let error = run(client.get::<Vec<String>>(&account_path())).expect_err("shape");
    assert_eq!(error.kind, ErrorKind::UnexpectedResponse);
    assert_eq!(error.query_id.as_deref(), Some("EU.ext-4.test"));
}

#[test]
fn a_silent_server_times_out() {
    let client = client(with_time(|_, _| None));
    let error = run(client.get::<Ignored>(&account_path())).expect_err("no answer");
    assert_eq!(error.kind, ErrorKind::NetworkFault);
    assert!(error.message.contains("180 s"), "{}", error.message);
}

#[test]
fn without_credentials_nothing_signed_is_sent() {
    let transport = Scripted {
        sent: RefCell::new(Vec::new()),
        answer: |_: &HttpRequest, _| ok(json!(SERVER_S)),
    };
    let client = Client::new(
        ClientConfig::new(Endpoint::OvhCa),
        transport,
        ManualClock::starting_at(LOCAL_MS),
    );
    let error = run(client.get::<Ignored>(&account_path())).expect_err("no keys");
    assert_eq!(error.kind, ErrorKind::InvalidCredentials);
    assert!(client.transport().sent.borrow().is_empty());
}

#[test]
fn requesting_a_consumer_key_sends_only_the_application_key() {
    let client = client(|_, _| {
        ok(
            json!({"consumerKey": "newCK", "validationUrl": "https://eu.api.ovh.com/auth/?credentialToken=x", "state": "pendingValidation"}),
        )
    });
    let rules = mailshift_ovh::access_rules::AccessRules::new()
        .discover_services()
        .build();
    let pending =
        run(client.request_credential(AK, rules, Some("http://127.0.0.1:8080/connect".into())))
            .expect("pending");
    assert_eq!(pending.consumer_key, "newCK");
    assert_eq!(pending.state, CredentialState::PendingValidation);
    let sent = sent(&client);
    assert_eq!(sent.len(), 1, "no time read for an unsigned call");
    assert_eq!(sent[0].url, format!("{PROXY}/auth/credential"));
    assert_eq!(header(&sent[0], "X-Ovh-Application"), Some(AK));
    assert_eq!(header(&sent[0], "X-Ovh-Signature"), None);
    assert_eq!(header(&sent[0], "X-Ovh-Consumer"), None);
    let body: Value =
        serde_json::from_str(sent[0].body.as_deref().unwrap_or_default()).expect("JSON");
    assert_eq!(body["redirection"], "http://127.0.0.1:8080/connect");
    assert!(
        body["accessRules"]
            .as_array()
            .expect("rules")
            .contains(&json!({"method": "GET", "path": "/email/pro/*"}))
    );
}

#[test]
fn the_current_credential_tells_state_and_expiry() {
    let client = client(with_time(|request, _| {
        assert!(request.url.ends_with("/auth/currentCredential"));
        ok(json!({
            "credentialId": 7, "applicationId": 3, "status": "validated",
            "creation": "2026-11-24T10:00:00+01:00", "expiration": "2026-12-24T10:00:00+01:00",
            "lastUse": null, "ovhSupport": false, "allowedIPs": null,
            "rules": [{"method": "GET", "path": "/email/pro/*"}]
        }))
    }));
    let current = run(client.current_credential()).expect("credential");
    assert_eq!(current.status, CredentialState::Validated);
    assert_eq!(
        current.expiration.as_deref(),
        Some("2026-12-24T10:00:00+01:00")
    );
    assert_eq!(current.rules.len(), 1);
}

#[test]
fn waits_for_a_task_through_todo_and_doing() {
    let client = client(with_time(|_, n| {
        let status = match n {
            1 => "todo",
            2 => "doing",
            _ => "done",
        };
        ok(
            json!({"id": 42, "function": "changePassword", "status": status, "todoDate": "2026-11-24T10:00:00+01:00", "finishDate": null}),
        )
    }));
    let path = operations::mxplan::ACCOUNT_TASK
        .path(&["mxplan-ab1", "john@d.fr", "42"])
        .expect("path");
    let task = run(client.wait_for_task(&path, &PollSchedule::default(), &CancelToken::new()))
        .expect("done");
    assert_eq!(task.status, TaskStatus::Done);
    assert_eq!(
        sent(&client).last().map(|r| r.url.clone()),
        Some(format!(
            "{PROXY}/email/mxplan/mxplan-ab1/account/john@d.fr/task/42"
        ))
    );
    let polls: Vec<_> = client
        .clock()
        .sleeps()
        .into_iter()
        .filter(|d| *d >= Duration::from_secs(3))
        .collect();
    assert_eq!(polls, [Duration::from_secs(3), Duration::from_millis(4500)]);
}

#[test]
fn a_task_in_error_fails_the_step() {
    let client = client(with_time(|_, _| {
        ok(
            json!({"id": 9, "function": "addAccount", "status": "error", "todoDate": "2026-11-24T10:00:00+01:00", "finishDate": "2026-11-24T10:01:00+01:00"}),
        )
    }));
    let path = operations::exchange::SERVICE_TASK
        .path(&["org", "svc", "9"])
        .expect("path");
    let error = run(client.wait_for_task(&path, &PollSchedule::default(), &CancelToken::new()))
        .expect_err("error");
    assert_eq!(error.kind, ErrorKind::TaskFailed);
    assert!(error.message.contains("addAccount"));
}

#[test]
fn a_legacy_task_is_finished_once_it_is_gone() {
    let client = client(with_time(|_, n| {
        if n < 3 {
            ok(
                json!({"id": 5, "action": "addAccount", "date": "2026-11-24T10:00:00+01:00", "domain": "d.fr", "name": "john"}),
            )
        } else {
            respond(
                404,
                r#"{"class":"Client::NotFound","message":"The requested object (id = 5) does not exist"}"#,
                &[],
            )
        }
    }));
    let path = operations::domain::ACCOUNT_TASK
        .path(&["d.fr", "5"])
        .expect("path");
    run(client.wait_for_legacy_task(&path, &PollSchedule::default(), &CancelToken::new()))
        .expect("gone means done");
    assert_eq!(sent(&client).len(), 4, "a 404 is not retried");
}

#[test]
fn waits_until_an_object_is_ok_with_no_pending_task() {
    let client = client(with_time(|_, n| {
        let (state, pending) = match n {
            1 => ("creating", 12),
            2 => ("ok", 12),
            _ => ("ok", 0),
        };
        ok(json!({"name": "d.fr", "state": state, "taskPendingId": pending}))
    }));
    let path = operations::pro::DOMAIN
        .path(&["emailpro-ab1", "d.fr"])
        .expect("path");
    run(client.wait_until_ready(&path, &PollSchedule::default(), &CancelToken::new()))
        .expect("ready");
    assert_eq!(sent(&client).len(), 4);
}

/// One object of a listed collection.
#[derive(Debug, PartialEq, miniserde::Deserialize)]
struct Numbered {
    n: i64,
}

#[test]
fn bulk_listing_reads_pages_until_the_announced_total() {
    let client = client(with_time(|request, _| {
        let page: usize = header(request, "X-Pagination-Number")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let size: usize = header(request, "X-Pagination-Size")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        assert_eq!(
            header(request, "X-Pagination-Mode"),
            Some("CachedObjectList-Pages")
        );
        let start = (page - 1) * size;
        let items: Vec<Value> = (start..(start + size).min(250))
            .map(|i| json!({"n": i}))
            .collect();
        respond(
            200,
            &Value::from(items).to_string(),
            &[("X-Pagination-Elements", "250")],
        )
    }));
    let path = operations::pro::ACCOUNTS
        .path(&["emailpro-ab1"])
        .expect("path");
    let all: Vec<Numbered> = run(client.list_all(&path)).expect("all pages");
    assert_eq!(all.len(), 250);
    assert_eq!(all[249], Numbered { n: 249 });
    assert_eq!(sent(&client).len(), 1 + 3, "250 objects in three calls");
}

#[test]
fn the_rate_limiter_paces_a_burst_of_calls() {
    let client = client(with_time(|_, _| ok(json!(1))));
    for _ in 0..20 {
        let _: i64 = run(client.get(&account_path())).expect("answer");
    }
    let elapsed_ms = client.clock().now_ms() - LOCAL_MS;
    // 21 calls with a burst of 5 at 50 a minute: at least 16 pauses of 1.2 s.
    assert!(elapsed_ms >= 16 * 1200, "{elapsed_ms} ms");
}

#[test]
fn a_call_is_signed_when_its_slot_comes_not_when_it_is_queued() {
    let client = client(with_time(|_, _| ok(json!(1))));
    for _ in 0..12 {
        let _: i64 = run(client.get(&account_path())).expect("answer");
    }
    let requests = sent(&client);
    let last = requests.last().expect("sent");
    let timestamp: i64 = header(last, "X-Ovh-Timestamp")
        .and_then(|t| t.parse().ok())
        .expect("timestamp");
    // The twelfth call waited its turn: its timestamp is OVHcloud's clock when it left.
    let now_on_server = client.clock().now_ms().div_euclid(1000) + (SERVER_S - LOCAL_MS / 1000);
    assert_eq!(timestamp, now_on_server);
    assert!(timestamp >= SERVER_S + 8, "{timestamp}");
}

#[test]
fn clients_of_one_consumer_key_share_one_pace() {
    let pacing = mailshift_ovh::rate_limit::Pacing::new(60, 1);
    let first = client(with_time(|_, _| ok(json!(1)))).paced_by(&pacing);
    let second = client(with_time(|_, _| ok(json!(1)))).paced_by(&pacing);
    let _: i64 = run(first.get(&account_path())).expect("answer");
    let _: i64 = run(second.get(&account_path())).expect("answer");
    // The second client's clock had to wait for the slot the first one took.
    assert!(second.clock().now_ms() - LOCAL_MS >= 1_000);
}

#[test]
fn the_call_log_records_template_status_and_query_id_without_bodies() {
    let log = mailshift_ovh::CallLog::new();
    let client = client(with_time(|request, _| {
        if request.method == Method::Post {
            respond(409, r#"{"class":"Client::Conflict","message":"busy"}"#, &[])
        } else {
            ok(json!(1))
        }
    }))
    .with_call_log(log.clone());
    let _: i64 = run(client.get(&account_path())).expect("answer");
    let path = operations::pro::CHANGE_PASSWORD
        .path(&["emailpro-ab1", "john@d.fr"])
        .expect("path");
    let body = NewPassword {
        password: Secret::new("S3cret!pw"),
    };
    let refused: Result<Ignored, _> = run(client.send(&path, &body));
    assert_eq!(refused.expect_err("409").kind, ErrorKind::Conflict);
    let records = log.records();
    let templates: Vec<_> = records.iter().map(|r| r.template.as_str()).collect();
    assert_eq!(
        templates,
        [
            "/auth/time",
            "/email/pro/{service}/account/{email}",
            "/email/pro/{service}/account/{email}/changePassword"
        ]
    );
    assert_eq!(records[2].status, Some(409));
    assert_eq!(records[2].query_id.as_deref(), Some("EU.ext-4.test"));
    let shown = mailshift_ovh::json::to_string(&records);
    assert!(!shown.contains("S3cret"), "{shown}");
}
