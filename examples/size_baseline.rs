//! The baseline of the binary-size measurement: `size_catalog` without numauth (see there).
//!
//! cargo run --release --example size_baseline -- pns 600011

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, code] = args.as_slice() else {
        eprintln!("usage: size_baseline SOURCE CODE");
        std::process::exit(2);
    };
    let found = (source == "pns" && code == "600011").then_some("获取token失败");
    match found {
        Some(message) => println!("{message}"),
        None => println!("{} other meanings", code.len()),
    }
}
