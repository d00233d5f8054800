//! The accept loop.
//!
//! `axum::serve` gives hyper no timer, so hyper's timeout for reading request headers never
//! fires: a client that opens connections and trickles their headers, or sends none, holds them
//! for ever. This loop serves the same router with a timer and that timeout set, and closes a
//! connection that sends nothing at all within the same time.

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// Serves `app` on `listener` until `shutdown` resolves, then lets requests in flight finish.
/// A connection whose request headers are not all in within `header_timeout` is closed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(error) => {
                    // Out of file descriptors, typically: wait for some to close.
                    eprintln!("cannot accept a connection: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small request and answer bodies: send them at once rather than batching.
        let _ = stream.set_nodelay(true);
        let service = app
            .clone()
            .map_request(|request: Request<Incoming>| request.map(Body::new))
            .map_err(|never: Infallible| match never {});
        let (builder, watcher) = (builder.clone(), graceful.watcher());
        tokio::spawn(async move {
            // hyper's header timer starts with the first byte: a connection that sends none
            // is closed here instead.
            let mut first = [0; 1];
            match tokio::time::timeout(header_timeout, stream.peek(&mut first)).await {
                Ok(Ok(1..)) => {}
                _ => return,
            }
            let connection =
                builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            // A client that goes away mid-request is no concern of the server's.
            let _ = watcher.watch(connection).await;
        });
    }
    graceful.shutdown().await;
}
