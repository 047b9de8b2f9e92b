//! Share-link figures: payload lengths for the reference assessment, the
//! ratio against plain base64url(JSON), and median encode/decode times.
//! Run: `cargo bench -p budmm-core --bench links`. Lengths are deterministic (the tests
//! gate them); times vary by machine, so compare medians on one machine.

use budmm_core::domain::formats::{base64url, share};
use budmm_core::domain::model::rubric::builtin;
use budmm_core::domain::model::samples;
use std::hint::black_box;
use std::time::Instant;

fn median_micros(mut f: impl FnMut()) -> f64 {
    const RUNS: usize = 15;
    const PER_RUN: u32 = 500;
    let mut samples: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..PER_RUN {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(PER_RUN)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[RUNS / 2]
}

fn main() {
    println!("share-link payload (characters after #/shared/1/)");
    println!(
        "{:<34} {:>8} {:>12} {:>7} {:>9} {:>9}",
        "assessment", "link", "b64url(JSON)", "ratio", "encode µs", "decode µs"
    );
    for (name, notes, guided) in [
        ("complete, no notes", false, false),
        ("complete, 5 notes of 150 chars", true, false),
        ("no notes, guided mode throughout", false, true),
    ] {
        let mut a = samples::reference(notes);
        if guided {
            samples::answer_every_guided_question(&mut a);
        }
        let payload = share::encode(&a, builtin(), true);
        let plain = base64url::encode(a.to_json().as_bytes());
        let encode = median_micros(|| {
            black_box(share::encode(black_box(&a), builtin(), true));
        });
        let decode = median_micros(|| {
            black_box(share::decode("1", black_box(&payload), builtin()).ok());
        });
        println!(
            "{:<34} {:>8} {:>12} {:>7.2} {:>9.1} {:>9.1}",
            name,
            payload.len(),
            plain.len(),
            payload.len() as f64 / plain.len() as f64,
            encode,
            decode
        );
    }
    println!("budgets: 120 without notes, 900 with notes (gated by `cargo test`)");
}
