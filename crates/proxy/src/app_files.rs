//! Serving the built web app: correct types, compression, long caching for hashed assets and
//! a single-page-app fallback to `index.html`.
//!
//! `cargo xtask` writes `name.br` and `name.gz` beside each built file, compressed harder than a
//! server can afford per request; those are sent as they are when the browser accepts them.
//! Anything without such a copy is compressed on the fly.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

use crate::page_headers::PageHeaders;

/// Hashed file names never change content, so browsers may keep them for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (chiefly `index.html`, which names the current hashed files) is revalidated.
const REVALIDATE: &str = "no-cache";

/// Routes that serve the app folder at `/`, every answer with `page_headers`.
pub fn router(app_dir: &Path, page_headers: PageHeaders) -> Router {
    let index = Arc::new(app_dir.join("index.html"));
    let files = ServeDir::new(app_dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .fallback(get(app_route).with_state(index));
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
        .layer(middleware::from_fn_with_state(
            Arc::new(page_headers),
            security_headers,
        ))
        .layer(CompressionLayer::new())
}

async fn security_headers(
    State(page_headers): State<Arc<PageHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    page_headers.add_to(response.headers_mut());
    response
}

/// Answers a path that names no file: in-app routes like `/inventory` get `index.html` so a
/// reload works; a missing file such as `/app-1234.js` is a plain 404, never HTML with a 200.
async fn app_route(State(index): State<Arc<PathBuf>>, request: Request) -> Response {
    if looks_like_file(request.uri().path()) {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let index = ServeFile::new(index.as_path())
        .precompressed_br()
        .precompressed_gzip();
    match index.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

async fn cache_control(request: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let value = if immutable { IMMUTABLE } else { REVALIDATE };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// Whether the last path segment names a file (has an extension) rather than an app route.
fn looks_like_file(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    last.contains('.') && !last.ends_with(".html")
}

/// Whether a path names a file Trunk fingerprinted, such as `mailshift-4f1c2a9b8d7e6f50_bg.wasm`
/// or `main-0a1b2c3d4e5f6a7b.css`: a stem ending in `-` and a hexadecimal hash.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = name.split_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty()
            && (8..=16).contains(&hash.len())
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_fingerprints() {
        assert!(is_hashed_asset("/mailshift-4f1c2a9b8d7e6f50_bg.wasm"));
        assert!(is_hashed_asset("/mailshift-4f1c2a9b8d7e6f50.js"));
        assert!(is_hashed_asset("/main-0a1b2c3d4e5f.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/"));
        assert!(!is_hashed_asset("/inventory"));
        assert!(!is_hashed_asset("/my-logo.svg"));
        assert!(!is_hashed_asset("/-4f1c2a9b8d7e6f50.js"));
    }

    #[test]
    fn tells_files_from_app_routes() {
        assert!(looks_like_file("/mailshift-1.js"));
        assert!(looks_like_file("/a/b/c.wasm"));
        assert!(!looks_like_file("/"));
        assert!(!looks_like_file("/inventory"));
        assert!(!looks_like_file("/index.html"));
    }
}
