#[path = "../benches/shapes.rs"]
mod shapes;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let raw = shapes::SAMPLES[0].raw;
    let mut k = 0;
    for _ in 0..n {
        k += std::hint::black_box(numauth::normalize(std::hint::black_box(raw)).unwrap())
            .code
            .len();
    }
    println!("{k}");
}
