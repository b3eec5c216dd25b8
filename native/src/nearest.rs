//! Nearest rows through the vector index alone, without Lance's query planner. Planning a query
//! costs about 1.5 ms on 2 cores whatever it probes (issue 18); this path asks the index for its
//! partitions and searches them with the calls the planned query makes (`find_partitions`, then
//! `search_partitions`), always without a prefilter, so on Lance's batched kernel.
//!
//! Where the table has moved on since the index's one segment was merged (a run deleted some of the
//! rows it holds, or appended rows it does not hold: an `IndexGap`), a planned query would put every
//! probed partition on Lance's row-by-row filtered path. This path instead asks the index for a few
//! more rows than wanted and drops the deleted ones itself, and compares the query with the
//! unindexed rows one by one: the same rows a planned query returns, as long as the gap is small
//! (`MAX_GAP_DELETED_ROWS`, `MAX_GAP_UNINDEXED_ROWS`, `MAX_GAP_UNINDEXED_FRAGMENTS`,
//! `MAX_GAP_MISSING_FRAGMENTS`). The vector upkeep closes the gap only once it is larger, so most
//! runs skip the merge of the index.

use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex};

use arrow::array::{Array, AsArray, Float32Array, RecordBatch, UInt64Array};
use arrow::compute::concat_batches;
use arrow::datatypes::{Float32Type, UInt64Type};
use futures::TryStreamExt;
use lance::dataset::Dataset;
use lance::index::{DatasetIndexExt, DatasetIndexInternalExt};
use lance_core::utils::tokio::spawn_cpu;
use lance_index::metrics::NoOpMetricsCollector;
use lance_index::prefilter::NoFilter;
use lance_index::vector::{Query, VectorIndex, DEFAULT_QUERY_PARALLELISM, VECTOR_RESULT_SCHEMA};
use lance_linalg::distance::{l2_distance_batch_into, DistanceType};
use lance_table::format::{Fragment, IndexMetadata};

/// Deleted rows of indexed fragments the direct query drops from the index's answers itself. A
/// second index search for this many more rows costs about 2 ms more (k 60 → 1,060: 2.1 → 3.9 ms).
pub(crate) const MAX_GAP_DELETED_ROWS: u64 = 1_024;
/// Unindexed rows the direct query compares with the query one by one, their vectors read once per
/// table version. Reading them costs every query: 604 of them (928 KB) took the row-id query from
/// 2.0 to 2.2 ms, where the deleted rows alone cost 1.03x.
pub(crate) const MAX_GAP_UNINDEXED_ROWS: u64 = 512;
/// Unindexed fragments: each is opened once per table version to read its vectors.
pub(crate) const MAX_GAP_UNINDEXED_FRAGMENTS: u64 = 8;
/// Covered fragments deleted whole (all their rows deleted, so Lance dropped them) whose rows the
/// direct query drops from the index's answers itself, by the fragment id in their row addresses. How
/// many rows the index holds of them is not known: the query asks again for more rows while too few
/// are left. Without this a file edited again after the fold that indexed its fragment alone (a
/// one-file run's fragment) made the next run fold again.
pub(crate) const MAX_GAP_MISSING_FRAGMENTS: u64 = 8;
/// Rows the first index search asks for beyond `k`, so that a few deleted ones among its answers need
/// no second search.
const DELETED_MARGIN: usize = 16;
/// How much more a search asks for than the last each time too few live rows were left, while rows of
/// missing fragments (of unknown number) may be among them.
const MISSING_GROWTH: usize = 4;

/// What one version of a table holds that the index's one segment does not answer for.
struct IndexGap {
    version: u64,
    column: String,
    /// Row addresses the segment may hold that are deleted.
    deleted: HashSet<u64>,
    /// Ids of fragments the segment covers that the table no longer has: any row of theirs is deleted.
    missing: HashSet<u64>,
    /// Row addresses of the rows no segment covers, and their vectors one after another.
    unindexed_ids: Vec<u64>,
    unindexed_vectors: Vec<f32>,
}

/// The gap of the version a table handle read last, kept for the next queries on it.
#[derive(Default)]
pub(crate) struct IndexGaps {
    cached: Mutex<Option<Arc<IndexGap>>>,
}

impl IndexGaps {
    async fn of(&self, dataset: &Dataset, column: &str, covered: &BTreeSet<u32>) -> lance::Result<Arc<IndexGap>> {
        let version = dataset.version().version;
        if let Some(gap) = self.cached.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            if gap.version == version && gap.column == column {
                return Ok(gap.clone());
            }
        }
        let gap = Arc::new(read_gap(dataset, column, covered).await?);
        *self.cached.lock().unwrap_or_else(|e| e.into_inner()) = Some(gap.clone());
        Ok(gap)
    }
}

/// How large the gap between a vector index of one segment and its table is: what the vector upkeep
/// reports as the index's health, and what decides whether the direct query serves it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct GapSize {
    /// Fragments the segment covers that have a deletion file.
    pub fragments_with_deletions: u64,
    /// Deleted rows of those fragments (those counted: see `counted`).
    pub deleted_rows: u64,
    /// Live fragments the segment does not cover, and their live rows.
    pub unindexed_fragments: u64,
    pub unindexed_rows: u64,
    /// Fragment ids the segment covers that the table no longer has (deleted whole).
    pub missing_fragments: u64,
    /// False when a fragment's rows are not counted in its metadata (a legacy table).
    pub counted: bool,
    /// True when row ids are row addresses (no stable row ids), as the gap is kept by address.
    pub addressable: bool,
}

impl GapSize {
    /// True when the segment covers exactly the live fragments, none with deleted rows.
    pub(crate) fn is_empty(&self) -> bool {
        self.fragments_with_deletions == 0 && self.unindexed_fragments == 0 && self.missing_fragments == 0
    }

    /// True when the direct query answers this gap as a planned query would, at about the speed it answers
    /// no gap at all.
    pub(crate) fn served_directly(&self) -> bool {
        self.counted
            && self.addressable
            && self.missing_fragments <= MAX_GAP_MISSING_FRAGMENTS
            && self.deleted_rows <= MAX_GAP_DELETED_ROWS
            && self.unindexed_rows <= MAX_GAP_UNINDEXED_ROWS
            && self.unindexed_fragments <= MAX_GAP_UNINDEXED_FRAGMENTS
    }
}

/// The gap between `dataset` and an index segment covering the fragment ids `covered`.
pub(crate) fn gap_size(dataset: &Dataset, covered: &BTreeSet<u32>) -> GapSize {
    let mut size = GapSize {
        counted: true,
        addressable: !dataset.manifest.uses_stable_row_ids(),
        ..GapSize::default()
    };
    let mut covered_live = 0;
    for fragment in dataset.fragments().iter() {
        if covered.contains(&(fragment.id as u32)) {
            covered_live += 1;
            if let Some(deletions) = &fragment.deletion_file {
                size.fragments_with_deletions += 1;
                size.counted &= deletions.num_deleted_rows.is_some();
                size.deleted_rows += deletions.num_deleted_rows.unwrap_or(0) as u64;
            }
        } else {
            size.unindexed_fragments += 1;
            size.counted &= fragment.num_rows().is_some();
            size.unindexed_rows += fragment.num_rows().unwrap_or(0) as u64;
        }
    }
    size.missing_fragments = covered.len() as u64 - covered_live;
    size
}

/// The `k` rows nearest to `key` in `column`, probing `nprobes` partitions, as `_rowid` and
/// `_distance` (nearest first; the index's estimated distances, exact ones for unindexed rows);
/// `None` when the table is not in a state this path serves, and the caller plans the query instead.
pub(crate) async fn indexed_nearest(
    gaps: &IndexGaps,
    dataset: &Dataset,
    column: &str,
    key: Float32Array,
    k: usize,
    nprobes: usize,
) -> lance::Result<Option<RecordBatch>> {
    let Some(field) = dataset.schema().field(column) else {
        return Ok(None);
    };
    let indices = dataset.load_indices().await?;
    let segments: Vec<&IndexMetadata> = indices.iter().filter(|i| i.fields == [field.id]).collect();
    let [segment] = segments.as_slice() else { return Ok(None) };
    let Some(bitmap) = &segment.fragment_bitmap else { return Ok(None) };
    let covered: BTreeSet<u32> = bitmap.iter().collect();
    let size = gap_size(dataset, &covered);
    let gap = if size.is_empty() {
        None
    } else if size.served_directly() {
        Some(gaps.of(dataset, column, &covered).await?)
    } else {
        return Ok(None);
    };
    let index = dataset.open_vector_index(column, &segment.uuid, &NoOpMetricsCollector).await?;
    if index.metric_type() != DistanceType::L2 {
        return Ok(None);
    }
    let deleted = gap.as_ref().map_or(0, |g| g.deleted.len());
    let missing = gap.as_ref().is_some_and(|g| !g.missing.is_empty());
    let is_live = |id: &u64| {
        gap.as_ref()
            .is_none_or(|g| !g.deleted.contains(id) && !g.missing.contains(&(id >> 32)))
    };
    let mut asked = k + if missing { DELETED_MARGIN } else { deleted.min(DELETED_MARGIN) };
    let (mut found, mut answered) = search_index(&index, column, &key, asked, nprobes).await?;
    found.retain(|(_, id)| is_live(id));
    while found.len() < k && answered == asked && (missing || deleted > DELETED_MARGIN) {
        // More deleted rows among the nearest than the margin: ask for as many more as there are deleted,
        // and while rows of missing fragments may be among them, for more each time until enough are left
        // or the probed partitions hold no more.
        let next = if missing {
            (asked * MISSING_GROWTH).max(k + deleted)
        } else {
            k + deleted
        };
        if next <= asked {
            break;
        }
        asked = next;
        (found, answered) = search_index(&index, column, &key, asked, nprobes).await?;
        found.retain(|(_, id)| is_live(id));
    }
    if let Some(gap) = &gap {
        if gap.unindexed_vectors.len() != gap.unindexed_ids.len() * key.len() {
            return Err(lance::Error::invalid_input(format!(
                "the query has {} dimensions, the vectors of {column} do not",
                key.len()
            )));
        }
        found.extend(nearest_unindexed(gap, key.values()));
    }
    Ok(Some(nearest_first(found, k)?))
}

/// The `k` rows the index segment finds nearest to `key`, as (estimated distance, row id), and how
/// many it found.
async fn search_index(
    index: &Arc<dyn VectorIndex>,
    column: &str,
    key: &Float32Array,
    k: usize,
    nprobes: usize,
) -> lance::Result<(Vec<(f32, u64)>, usize)> {
    let query = Query {
        column: column.to_string(),
        key: Arc::new(key.clone()),
        k,
        lower_bound: None,
        upper_bound: None,
        minimum_nprobes: nprobes,
        maximum_nprobes: Some(nprobes),
        search_effort: 0.5,
        ef: None,
        refine_factor: None,
        metric_type: Some(DistanceType::L2),
        use_index: true,
        query_parallelism: DEFAULT_QUERY_PARALLELISM,
        dist_q_c: 0.0,
        approx_mode: Default::default(),
    };
    let (partitions, centroid_distances) = {
        let (index, query) = (index.clone(), query.clone());
        spawn_cpu(move || index.find_partitions(&query)).await?
    };
    let probed = nprobes.min(partitions.len());
    let stream = index
        .clone()
        .search_partitions(
            query,
            Arc::new(partitions),
            Arc::new(centroid_distances),
            0,
            probed,
            Arc::new(NoFilter),
            None,
            Arc::new(NoOpMetricsCollector),
        )
        .await?;
    let batches: Vec<RecordBatch> = stream.try_collect().await?;
    let all = concat_batches(&VECTOR_RESULT_SCHEMA, &batches)?;
    let distances = all.column(0).as_primitive::<Float32Type>();
    let ids = all.column(1).as_primitive::<UInt64Type>();
    let mut found: Vec<(f32, u64)> = distances.values().iter().copied().zip(ids.values().iter().copied()).collect();
    let answered = found.len().min(k);
    keep_nearest(&mut found, k);
    Ok((found, answered))
}

/// The unindexed rows of `gap`, as (squared L2 distance to `key`, row id), by Lance's SIMD kernel.
fn nearest_unindexed(gap: &IndexGap, key: &[f32]) -> Vec<(f32, u64)> {
    let mut distances = vec![0.0; gap.unindexed_ids.len()];
    l2_distance_batch_into(key, &gap.unindexed_vectors, key.len(), &mut distances);
    distances.into_iter().zip(gap.unindexed_ids.iter().copied()).collect()
}

/// Truncates `found` to its `k` nearest, nearest first.
fn keep_nearest(found: &mut Vec<(f32, u64)>, k: usize) {
    if found.len() > k && k > 0 {
        found.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0));
    }
    found.truncate(k);
    found.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
}

/// The `k` nearest of `found` as a batch of `_rowid`, `_distance`, nearest first.
fn nearest_first(mut found: Vec<(f32, u64)>, k: usize) -> lance::Result<RecordBatch> {
    keep_nearest(&mut found, k);
    let ids = UInt64Array::from_iter_values(found.iter().map(|f| f.1));
    let distances = Float32Array::from_iter_values(found.iter().map(|f| f.0));
    let schema = Arc::new(VECTOR_RESULT_SCHEMA.project(&[1, 0])?);
    Ok(RecordBatch::try_new(schema, vec![Arc::new(ids), Arc::new(distances)])?)
}

/// Reads what `dataset` holds beyond the segment covering `covered`: the deleted rows of covered
/// fragments, and the vectors of the fragments it does not cover.
async fn read_gap(dataset: &Dataset, column: &str, covered: &BTreeSet<u32>) -> lance::Result<IndexGap> {
    let mut deleted = HashSet::new();
    let mut unindexed: Vec<Fragment> = Vec::new();
    let live: HashSet<u64> = dataset.fragments().iter().map(|f| f.id).collect();
    let missing: HashSet<u64> = covered.iter().map(|&id| u64::from(id)).filter(|id| !live.contains(id)).collect();
    for fragment in dataset.fragments().iter() {
        if !covered.contains(&(fragment.id as u32)) {
            unindexed.push(fragment.clone());
        } else if fragment.deletion_file.is_some() {
            let file_fragment = dataset
                .get_fragment(fragment.id as usize)
                .ok_or_else(|| lance::Error::internal(format!("fragment {} is listed but cannot be opened", fragment.id)))?;
            if let Some(vector) = file_fragment.get_deletion_vector().await? {
                // A row address: the fragment id in the upper 32 bits, the row's offset in it in the lower.
                deleted.extend(vector.iter().map(|offset| (fragment.id << 32) | u64::from(offset)));
            }
        }
    }
    let mut unindexed_ids = Vec::new();
    let mut unindexed_vectors = Vec::new();
    if !unindexed.is_empty() {
        let mut scan = dataset.scan();
        scan.with_fragments(unindexed).project(&[column])?.with_row_id();
        let batches: Vec<RecordBatch> = scan.try_into_stream().await?.try_collect().await?;
        for batch in &batches {
            let vectors = batch
                .column_by_name(column)
                .and_then(|c| c.as_fixed_size_list_opt())
                .ok_or_else(|| lance::Error::invalid_input(format!("column {column} is not a fixed-size list")))?;
            let ids = batch
                .column_by_name(lance_core::ROW_ID)
                .and_then(|c| c.as_primitive_opt::<UInt64Type>())
                .ok_or_else(|| lance::Error::internal("a scan with row ids returned none"))?;
            let values = vectors
                .values()
                .as_primitive_opt::<Float32Type>()
                .ok_or_else(|| lance::Error::invalid_input(format!("column {column} does not hold 32-bit floats")))?;
            let width = vectors.value_length() as usize;
            for row in 0..batch.num_rows() {
                if vectors.is_null(row) {
                    continue; // no vector: a planned query does not return it either
                }
                let start = vectors.value_offset(row) as usize;
                unindexed_ids.push(ids.value(row));
                unindexed_vectors.extend_from_slice(&values.values()[start..start + width]);
            }
        }
    }
    Ok(IndexGap {
        version: dataset.version().version,
        column: column.to_string(),
        deleted,
        missing,
        unindexed_ids,
        unindexed_vectors,
    })
}
