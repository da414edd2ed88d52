//! The load test's baseline: a bare axum handler answering every GET with a fixed JSON body of
//! the given size, served by `axum::serve` (TCP_NODELAY on, as in numauth serve) with no
//! middleware. Usage: `bare ADDR BYTES`.

use axum::http::header;
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let size: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(859);
    // A JSON string padded to `size` bytes: `"xxx…"`.
    let body: &'static str =
        Box::leak(format!("\"{}\"", "x".repeat(size.saturating_sub(2))).into_boxed_str());
    let app = Router::new().route(
        "/{*path}",
        get(move || async move { ([(header::CONTENT_TYPE, "application/json")], body) }),
    );
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            println!("bare: listening on http://{}", listener.local_addr()?);
            // As numauth serve does: without it Nagle's algorithm delays small answers.
            let listener = listener.tap_io(|tcp| {
                let _ = tcp.set_nodelay(true);
            });
            axum::serve(listener, app).await
        })
}
