//! Issue 18's diagnostic (docs/lance-prefilter.md): which of the causes of a non-empty vector-search
//! prefilter hold on a vectors.lance table: (a) indexed fragments with a deletion file, (b) index
//! bitmaps naming fragments no longer in the manifest, (c) live fragments no segment covers; and
//! how many `vector_idx` segments it has. With `delete`, `compact` or `merge` it changes the table
//! (use a copy): a delete by SQL predicate (to give a fragment a deletion file), compaction with
//! `materialize_deletions_threshold` 0 (TARGET_ROWS 0: Lance's default fragment size; `deferred`:
//! the indexes are not remapped, Lance records a fragment reuse index instead, which times the
//! rewrite of the rows alone), or a merge of every `vector_idx` segment into one; each timed, then
//! reported again.
//!
//! ```sh
//! cargo run --release --example vector_mask -- INDEX/gen-000001/vectors.lance \
//!     [delete PREDICATE | compact TARGET_ROWS [deferred] | merge]
//! ```
use lance::dataset::optimize::{compact_files, CompactionOptions};
use lance::index::DatasetIndexExt;
use lance::Dataset;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        eprintln!("usage: vector_mask VECTORS_LANCE [delete PREDICATE | compact TARGET_ROWS [deferred] | merge]");
        std::process::exit(2);
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let mut ds = Dataset::open(&args[1]).await.unwrap();
        report(&ds).await;
        if args.get(2).map(|s| s.as_str()) == Some("delete") {
            let predicate = args.get(3).expect("delete PREDICATE");
            let t = Instant::now();
            ds.delete(predicate).await.unwrap();
            println!("delete where {} in {:?}", predicate, t.elapsed());
            report(&ds).await;
        }
        if args.get(2).map(|s| s.as_str()) == Some("compact") {
            let target: usize = args.get(3).map(|s| s.parse().expect("TARGET_ROWS: a number")).unwrap_or(0);
            let deferred = args.get(4).map(|s| s.as_str()) == Some("deferred");
            let defaults = CompactionOptions::default();
            let options = CompactionOptions {
                materialize_deletions_threshold: 0.0,
                target_rows_per_fragment: if target > 0 { target } else { defaults.target_rows_per_fragment },
                defer_index_remap: deferred,
                ..defaults
            };
            let t = Instant::now();
            let m = compact_files(&mut ds, options, None).await.unwrap();
            println!(
                "compact_files (materialize_deletions_threshold 0, target {}, index remap {}): {:?} in {:?}",
                target,
                if deferred { "deferred" } else { "eager" },
                m,
                t.elapsed()
            );
            report(&ds).await;
        }
        if args.get(2).map(|s| s.as_str()) == Some("merge") {
            let t = Instant::now();
            let mut options = lance_index::optimize::OptimizeOptions::merge(1 << 20);
            options.index_names = Some(vec!["vector_idx".to_string()]);
            ds.optimize_indices(&options).await.unwrap();
            println!("optimize_indices (merge every vector_idx segment) in {:?}", t.elapsed());
            report(&ds).await;
        }
    });
}

async fn report(ds: &Dataset) {
    use std::collections::BTreeSet;
    let live: BTreeSet<u32> = ds.fragments().iter().map(|f| f.id as u32).collect();
    let with_deletions: Vec<(u64, Option<usize>)> = ds
        .fragments()
        .iter()
        .filter(|f| f.deletion_file.is_some())
        .map(|f| (f.id, f.physical_rows))
        .collect();
    println!(
        "version {}: {} fragments {:?}, with deletion files (id, physical rows) {:?}",
        ds.version().version,
        live.len(),
        live.iter().collect::<Vec<_>>(),
        with_deletions
    );
    let indices = ds.load_indices().await.unwrap();
    for idx in indices.iter() {
        let bitmap: BTreeSet<u32> = idx.fragment_bitmap.iter().flat_map(|b| b.iter()).collect();
        let missing: Vec<_> = bitmap.difference(&live).collect();
        println!(
            "  index {} ({}): bitmap {:?}, missing from the manifest {:?}",
            idx.name, idx.uuid, bitmap, missing
        );
    }
    let vector_segments: Vec<_> = indices.iter().filter(|i| i.name == "vector_idx").collect();
    let vcover: BTreeSet<u32> = vector_segments
        .iter()
        .flat_map(|s| s.fragment_bitmap.iter().flat_map(|b| b.iter()))
        .collect();
    let vmissing: BTreeSet<u32> = vcover.difference(&live).copied().collect();
    let unindexed: BTreeSet<u32> = live.difference(&vcover).copied().collect();
    let vdel: Vec<u64> = with_deletions
        .iter()
        .map(|f| f.0)
        .filter(|id| vcover.contains(&(*id as u32)))
        .collect();
    println!("  vector_idx: {} segment(s); (a) indexed fragments with deletion files {:?}; (b) ids missing from the manifest {:?}; (c) live fragments no segment covers {:?}",
        vector_segments.len(), vdel, vmissing.iter().collect::<Vec<_>>(), unindexed.iter().collect::<Vec<_>>());
}
