//! The table handle every operation module works on, and what they share: the write parameters
//! (auto-cleanup off), the distance codes, the index listing. Operation modules (`table`, `index`,
//! `scan`, `write`, `cleanup`, `vector_upkeep`) sit above this one and never import each other.
//! A handle holds the dataset version it last opened or wrote; readers take a snapshot (an Arc of
//! that version) so writers through the same handle never disturb a scan in flight.

use std::sync::{Arc, Mutex, RwLock};

use lance::dataset::transaction::Transaction;
use lance::dataset::{WriteMode, WriteParams};
use lance::index::{DatasetIndexExt, DatasetIndexInternalExt};
use lance::Dataset;
use lance_linalg::distance::DistanceType;
use lance_table::format::Fragment;

use crate::error::{Error, Result};
use crate::nearest::IndexGaps;
use crate::runtime::RuntimeInner;
use crate::take::TakeReaders;

/// Opaque table handle. Open with `mvs_table_open` / `mvs_table_create`, close with `mvs_table_close`.
#[allow(non_camel_case_types)]
pub struct mvs_table {
    pub(crate) runtime: Arc<RuntimeInner>,
    pub(crate) uri: String,
    current: RwLock<Arc<Dataset>>,
    /// Serializes writes made through this handle, so each starts from the version the last wrote.
    writer: Mutex<()>,
    /// Fragment readers kept for takes by row id, for the version read last.
    pub(crate) take_readers: TakeReaders,
    /// What the version read last holds beyond its vector index, for the direct vector query.
    pub(crate) index_gaps: IndexGaps,
}

impl mvs_table {
    pub(crate) fn new(runtime: Arc<RuntimeInner>, uri: &str, dataset: Dataset) -> Self {
        mvs_table {
            runtime,
            uri: uri.to_string(),
            current: RwLock::new(Arc::new(dataset)),
            writer: Mutex::new(()),
            take_readers: TakeReaders::default(),
            index_gaps: IndexGaps::default(),
        }
    }

    /// The version readers use now; cheap (an Arc clone), and stable while writers move on.
    pub(crate) fn snapshot(&self) -> Arc<Dataset> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A write that rewrites or unlinks files (delete, compaction, index build, cleanup, restore,
    /// overwrite, merge-insert): holds the runtime's fence shared while it runs, so no model load
    /// maps memory meanwhile.
    pub(crate) fn rewrite<T>(&self, what: &str, op: impl FnOnce(&RuntimeInner, &mut Dataset) -> lance::Result<T>) -> Result<T> {
        let _fence = self.runtime.fence().shared();
        self.write(what, op)
    }

    /// Runs one write: starts from the current version, publishes the result only if it succeeds.
    pub(crate) fn write<T>(&self, what: &str, op: impl FnOnce(&RuntimeInner, &mut Dataset) -> lance::Result<T>) -> Result<T> {
        let _writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let mut dataset = (*self.snapshot()).clone();
        let value = op(&self.runtime, &mut dataset).map_err(|e| Error::from(e).context(self.describe(what)))?;
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(dataset);
        Ok(value)
    }

    pub(crate) fn describe(&self, what: &str) -> String {
        format!("{what} on table {} (version {})", self.uri, self.snapshot().version().version)
    }
}

/// The transaction property naming the job a distributed append belongs to (written by `distributed`,
/// listed by `table`'s versions).
pub(crate) const JOB_ID_PROPERTY: &str = "mvs.job_id";

/// The job id a distributed append recorded in `transaction`, if any.
pub(crate) fn job_id_of(transaction: &Transaction) -> Option<&String> {
    transaction.transaction_properties.as_ref().and_then(|p| p.get(JOB_ID_PROPERTY))
}

/// Rows a fragment was written with (Lance leaves the count unset only in legacy tables: 0 then).
pub(crate) fn rows_of(fragment: &Fragment) -> u64 {
    fragment.physical_rows.unwrap_or(0) as u64
}

/// Distance: the index's own (for searches) or L2 (for index builds).
pub const MVS_DISTANCE_DEFAULT: u32 = 0;
pub const MVS_DISTANCE_L2: u32 = 1;
pub const MVS_DISTANCE_COSINE: u32 = 2;
pub const MVS_DISTANCE_DOT: u32 = 3;

pub(crate) fn distance_type(code: u32, default: Option<DistanceType>) -> Result<Option<DistanceType>> {
    match code {
        MVS_DISTANCE_DEFAULT => Ok(default),
        MVS_DISTANCE_L2 => Ok(Some(DistanceType::L2)),
        MVS_DISTANCE_COSINE => Ok(Some(DistanceType::Cosine)),
        MVS_DISTANCE_DOT => Ok(Some(DistanceType::Dot)),
        other => Err(Error::invalid(format!("unknown distance {other} (expected MVS_DISTANCE_*)"))),
    }
}

pub(crate) fn write_params(mode: WriteMode) -> WriteParams {
    // Auto-cleanup stays off: old versions are removed only by an explicit cleanup under the fence.
    WriteParams {
        mode,
        auto_cleanup: None,
        skip_auto_cleanup: true,
        ..Default::default()
    }
}

/// One index of a table and its coverage.
pub(crate) struct IndexInfo {
    pub name: String,
    pub index_type: String,
    pub column: String,
    pub rows_indexed: u64,
    pub rows_unindexed: u64,
    /// Segments the index is made of (a build or a merge writes one; each delta append adds one).
    pub segments: u64,
}

pub(crate) fn list_indexes(table: &mvs_table) -> Result<Vec<IndexInfo>> {
    let dataset = table.snapshot();
    table
        .runtime
        .block_on(async {
            let descriptions = dataset.describe_indices(None).await?;
            let mut infos = Vec::new();
            for d in descriptions {
                if d.metadata().iter().any(lance_table::system_index::is_system_index) {
                    continue;
                }
                let unindexed = dataset.unindexed_fragments(d.name()).await?;
                let rows_unindexed = unindexed.iter().map(|f| f.num_rows().unwrap_or(0) as u64).sum();
                let column = d
                    .field_ids()
                    .first()
                    .and_then(|id| dataset.schema().field_by_id(*id as i32))
                    .map_or_else(String::new, |f| f.name.clone());
                infos.push(IndexInfo {
                    name: d.name().to_string(),
                    index_type: d.index_type().to_string(),
                    column,
                    rows_indexed: d.rows_indexed(),
                    rows_unindexed,
                    segments: d.metadata().len() as u64,
                });
            }
            Ok::<_, lance::Error>(infos)
        })
        .map_err(|e| Error::from(e).context(table.describe("list indexes")))
}
