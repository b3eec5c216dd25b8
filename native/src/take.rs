//! Rows taken by row id, as searches take their candidates: each fragment's reader is opened once
//! per table version and column list and kept. Lance's own take opens every fragment it reads from
//! on every call, and a search's 30 candidates lie in about 26 of vectors.lance's 105 fragments
//! (issue 18: about 7 % of a semantic search went to those opens).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use arrow::array::RecordBatch;
use arrow::compute::interleave_record_batch;
use lance::dataset::fragment::session::FragmentSession;
use lance::dataset::{Dataset, ProjectionRequest};
use lance_core::datatypes::Schema;

/// Readers kept past this many are all dropped at once: it bounds what many column lists could pile up.
const MAX_READERS: usize = 4_096;

/// The open fragment readers of one table handle, for the version it read last.
#[derive(Default)]
pub(crate) struct TakeReaders {
    cached: Mutex<Cached>,
}

#[derive(Default)]
struct Cached {
    version: u64,
    readers: HashMap<(Vec<String>, u32), Arc<KeptReader>>,
}

/// A fragment's open reader, and the offsets of its deleted rows, ascending (the reader counts rows
/// among the live ones).
struct KeptReader {
    session: FragmentSession,
    deleted: Vec<u32>,
}

impl KeptReader {
    /// The rows at physical `offsets` (ascending, none deleted; `None` if one is).
    async fn take(&self, offsets: &[u32]) -> lance::Result<Option<RecordBatch>> {
        if self.deleted.is_empty() {
            return self.session.take(offsets).await.map(Some);
        }
        let mut live = Vec::with_capacity(offsets.len());
        for &offset in offsets {
            let before = self.deleted.partition_point(|&d| d < offset);
            if self.deleted.get(before) == Some(&offset) {
                return Ok(None);
            }
            live.push(offset - before as u32);
        }
        self.session.take(&live).await.map(Some)
    }
}

impl TakeReaders {
    /// The reader of `fragment` for `columns` at `dataset`'s version, opened if need be.
    async fn reader(&self, dataset: &Dataset, columns: &[String], schema: &Schema, fragment: u32) -> lance::Result<Arc<KeptReader>> {
        let version = dataset.version().version;
        let key = (columns.to_vec(), fragment);
        {
            let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
            if cached.version != version {
                cached.version = version;
                cached.readers.clear();
            }
            if let Some(reader) = cached.readers.get(&key) {
                return Ok(reader.clone());
            }
        }
        let file_fragment = dataset
            .get_fragment(fragment as usize)
            .ok_or_else(|| lance::Error::invalid_input(format!("row id names fragment {fragment}, which the table does not have")))?;
        let session = file_fragment.open_session(schema, false).await?;
        let mut deleted: Vec<u32> = file_fragment
            .get_deletion_vector()
            .await?
            .map_or_else(Vec::new, |d| d.iter().collect());
        deleted.sort_unstable();
        let reader = Arc::new(KeptReader { session, deleted });
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if cached.version == version {
            if cached.readers.len() >= MAX_READERS {
                cached.readers.clear();
            }
            cached.readers.insert(key, reader.clone());
        }
        Ok(reader)
    }
}

/// The rows `ids` (row ids as a scan returns them) of `columns` (`schema` is their projection), in
/// that order. Lance's own take serves a table with stable row ids (an id is not an address there)
/// and ids of deleted rows.
pub(crate) async fn take_rows(
    readers: &TakeReaders,
    dataset: &Dataset,
    ids: &[u64],
    columns: &[String],
    schema: Schema,
) -> lance::Result<RecordBatch> {
    let mut offsets: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for &id in ids {
        // A row address: the fragment id in the upper 32 bits, the row's offset in it in the lower.
        offsets.entry((id >> 32) as u32).or_default().push(id as u32);
    }
    let lance_take = || dataset.take_rows(ids, ProjectionRequest::from(schema.clone()));
    if ids.is_empty() || dataset.manifest.uses_stable_row_ids() {
        return lance_take().await;
    }
    let takes = offsets.iter_mut().map(|(&fragment, rows)| {
        rows.sort_unstable();
        rows.dedup();
        let schema = &schema;
        async move {
            let reader = readers.reader(dataset, columns, schema, fragment).await?;
            reader.take(rows).await
        }
    });
    let Some(batches) = futures::future::try_join_all(takes).await?.into_iter().collect::<Option<Vec<_>>>() else {
        return lance_take().await;
    };
    // Each requested id's place, (its fragment's batch, its row there), in the order asked for.
    let mut place: HashMap<u64, (usize, usize)> = HashMap::with_capacity(ids.len());
    for (batch, (&fragment, rows)) in offsets.iter().enumerate() {
        for (row, &offset) in rows.iter().enumerate() {
            place.insert((u64::from(fragment) << 32) | u64::from(offset), (batch, row));
        }
    }
    let places: Vec<(usize, usize)> = ids.iter().map(|id| place[id]).collect();
    let batches: Vec<&RecordBatch> = batches.iter().collect();
    Ok(interleave_record_batch(&batches, &places)?)
}

// Table handles are shared by the searches of many threads: their kept readers must be too.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<TakeReaders>();
};
