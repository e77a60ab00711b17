//! Benchmarks of blip placement, `layout::layout`, on the radar `scene`
//! draws: four rings with the default ring names, four quadrants, scene's
//! marker radius. The cases are 60 blips crowded into one cell (the
//! innermost ring of one quadrant, which has to grow the most) and 100, 600
//! and 1,000 blips spread over all sixteen cells by a hash of their ids
//! (`tech-0001`, ...), so every run places the same blips. Throughput is in
//! blips. Run it with `cargo bench --bench placement`.

mod support;

use std::hint::black_box;

use confradar::input::radar::default_rings;
use confradar::render::hash::fnv1a;
use confradar::render::layout::{self, Item, Spec};
use confradar::render::metrics::bold_text_width;
use confradar::render::scene::{MARKER, RING_SIZE};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

/// Ring and quadrant counts of the default radar.
const RINGS: usize = 4;
const QUADRANTS: usize = 4;

/// The spec `scene::scene` builds for a radar with the default rings.
fn spec() -> Spec {
    Spec {
        rings: RINGS,
        quadrants: QUADRANTS,
        ring_labels: default_rings()
            .iter()
            .map(|ring| bold_text_width(&ring.name, RING_SIZE))
            .collect(),
        marker: MARKER,
    }
}

/// Ids `tech-0001` to `tech-{n}`.
fn ids(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("tech-{i:04}")).collect()
}

fn benches(c: &mut Criterion) {
    let spec = spec();
    let crowd = ids(60);
    let crowded: Vec<Item> = crowd
        .iter()
        .map(|id| Item {
            id,
            ring: 0,
            quadrant: 0,
        })
        .collect();
    let many = ids(1_000);
    let spread = |n: usize| -> Vec<Item> {
        many[..n]
            .iter()
            .map(|id| {
                let hash = fnv1a(id.as_bytes());
                Item {
                    id,
                    ring: (hash % RINGS as u64) as usize,
                    quadrant: ((hash >> 8) % QUADRANTS as u64) as usize,
                }
            })
            .collect()
    };
    let cases = [
        ("one_cell", crowded),
        ("spread", spread(100)),
        ("spread", spread(600)),
        ("spread", spread(1_000)),
    ];

    let mut group = c.benchmark_group("layout");
    // Iterations take milliseconds: the same count in every sample, rather
    // than criterion's default ramp of 1, 2, ... 10 times a base count.
    group.sampling_mode(SamplingMode::Flat);
    for (name, items) in &cases {
        group.throughput(Throughput::Elements(items.len() as u64));
        group.bench_with_input(BenchmarkId::new(*name, items.len()), items, |b, items| {
            b.iter(|| layout::layout(&spec, black_box(items)));
        });
    }
    group.finish();
}

// Ten samples (the least criterion takes) suffice for iterations of
// milliseconds, and keep the 1,000-blip case to a few seconds.
support::bench_main!(benches, samples = 10, seconds = 3);
