//! Half of the binary-size measurement (`scripts/measure-build-and-size`): looks a code up in
//! every table, so that the whole catalog is linked in. Its twin, `size_baseline`, does the
//! same argument handling and printing without numauth; the stripped sizes' difference is what
//! the catalog adds to a binary.
//!
//! cargo run --release --example size_catalog -- pns 600011

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, code] = args.as_slice() else {
        eprintln!("usage: size_catalog SOURCE CODE");
        std::process::exit(2);
    };
    let found = source
        .parse::<numauth::Source>()
        .ok()
        .and_then(|s| numauth::lookup(s, code));
    match found {
        Some(entry) => println!("{}", entry.message(numauth::Lang::Zh)),
        None => println!("{} other meanings", numauth::candidates(code).count()),
    }
}
