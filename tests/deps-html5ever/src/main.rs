//! Uses numauth's catalog and web_atoms' phf map in one binary, so that the build links both and
//! a broken combination fails here rather than in a user's build.

fn main() {
    let entry = numauth::lookup(numauth::Source::Pns, "600011").expect("PNS 600011 is catalogued");
    let gt = web_atoms::NAMED_ENTITIES.get("gt;").copied();
    assert_eq!(gt, Some((62, 0)), "web_atoms' phf map answers");
    println!(
        "numauth {} (PNS 600011: {}) beside web_atoms (&gt; = U+{:04X})",
        numauth::DATA_VERSION,
        entry.outcome(),
        gt.map_or(0, |(c, _)| c)
    );
}
