//! `uniffi-bindgen`, built from the same uniffi version as the scaffolding in this crate (as
//! the UniFFI docs recommend), so generated Kotlin and Swift always match the library.
//!
//! cargo run -p numauth-ffi --features bindgen --bin uniffi-bindgen -- generate \
//!     --library target/debug/libnumauth_ffi.so --language kotlin --out-dir out/

fn main() {
    uniffi::uniffi_bindgen_main()
}
