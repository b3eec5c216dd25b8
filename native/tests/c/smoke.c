/*
 * Proves the committed header is usable from C: links libmvs_native.so through mvs_native.h and runs
 * create -> append -> scan -> delete -> compact -> close on a real table, with a hand-written Arrow
 * producer (one int64 column "n"). Usage: smoke <table-dir>. Exit 0 and "smoke: ok" on success.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stddef.h>

#include "mvs_native.h"

#define ROWS 1000

/*
 * ABI freeze: the codes and layouts the Java bindings and every other caller were built against.
 * Changing one is an ABI change: bump MVS_ABI_VERSION, regenerate the bindings, then update these.
 * (AbiDriftTest checks the Java side against the header; these check the header against itself.)
 */
_Static_assert(MVS_ABI_VERSION == 4, "ABI version");
_Static_assert(MVS_STATUS_OK == 0 && MVS_STATUS_INVALID_ARGUMENT == 1 && MVS_STATUS_NOT_FOUND == 2 &&
               MVS_STATUS_ALREADY_EXISTS == 3 && MVS_STATUS_COMMIT_CONFLICT == 4 && MVS_STATUS_IO == 5 &&
               MVS_STATUS_CORRUPT == 6 && MVS_STATUS_CANCELLED == 7 && MVS_STATUS_NOT_SUPPORTED == 8 &&
               MVS_STATUS_INTERNAL == 9 && MVS_STATUS_PANIC == 10 && MVS_STATUS_TIMEOUT == 11, "status codes");
_Static_assert(sizeof(mvs_status) == sizeof(int), "mvs_status is a C int");
_Static_assert(MVS_DISTANCE_DEFAULT == 0 && MVS_DISTANCE_L2 == 1 && MVS_DISTANCE_COSINE == 2 && MVS_DISTANCE_DOT == 3, "distances");
_Static_assert(MVS_VECTOR_INDEX_IVF_PQ == 1 && MVS_VECTOR_INDEX_IVF_SQ == 2 && MVS_VECTOR_INDEX_IVF_HNSW_SQ == 3 && MVS_VECTOR_INDEX_IVF_RQ == 4, "vector index kinds");
_Static_assert(MVS_SCALAR_INDEX_BTREE == 1 && MVS_SCALAR_INDEX_BITMAP == 2, "scalar index kinds");
_Static_assert(MVS_VERSION_LATEST == 0, "latest version");
_Static_assert(MVS_CHUNK_OK == 0 && MVS_CHUNK_UNSUPPORTED == 1 && MVS_CHUNK_TIMED_OUT == 2 && MVS_CHUNK_UNPARSABLE == 3 &&
               MVS_CHUNK_MINIFIED == 4, "chunk outcomes");
_Static_assert(sizeof(mvs_table_stats) == 64 && offsetof(mvs_table_stats, bytes_on_disk) == 56, "mvs_table_stats");
_Static_assert(sizeof(mvs_compaction_stats) == 32 && offsetof(mvs_compaction_stats, files_added) == 24, "mvs_compaction_stats");
_Static_assert(sizeof(mvs_cleanup_stats) == 40 && offsetof(mvs_cleanup_stats, deletion_files_removed) == 32, "mvs_cleanup_stats");
_Static_assert(sizeof(mvs_fence_stats) == 64 && offsetof(mvs_fence_stats, overlaps) == 40, "mvs_fence_stats");
_Static_assert(sizeof(mvs_merge_insert_stats) == 24, "mvs_merge_insert_stats");
_Static_assert(sizeof(mvs_vector_index_health) == 56 && offsetof(mvs_vector_index_health, uncovered_fragments) == 24 &&
               offsetof(mvs_vector_index_health, served_directly) == 48, "mvs_vector_index_health");
_Static_assert(sizeof(mvs_fragment_commit) == 24 && offsetof(mvs_fragment_commit, committed) == 8 && offsetof(mvs_fragment_commit, rows) == 16, "mvs_fragment_commit");
_Static_assert(sizeof(mvs_vector_upkeep_stats) == 32 && offsetof(mvs_vector_upkeep_stats, missing_fragments_pruned) == 24, "mvs_vector_upkeep_stats");
_Static_assert(sizeof(mvs_vector_index_params) == 32 && offsetof(mvs_vector_index_params, max_iterations) == 28, "mvs_vector_index_params");
_Static_assert(sizeof(mvs_fts_params) == 32 && offsetof(mvs_fts_params, max_token_length) == 16 &&
               offsetof(mvs_fts_params, with_position) == 24, "mvs_fts_params");
_Static_assert(sizeof(mvs_nearest_query) == 48 && offsetof(mvs_nearest_query, dimension) == 16 &&
               offsetof(mvs_nearest_query, distance) == 40 && offsetof(mvs_nearest_query, exact) == 45, "mvs_nearest_query");
_Static_assert(sizeof(mvs_merge_insert_params) == 16 && offsetof(mvs_merge_insert_params, delete_unmatched_by_source) == 8,
               "mvs_merge_insert_params");

/* ---- a minimal Arrow producer: batches of struct<n: int64 not null> ---- */

typedef struct {
  int64_t start;
  int remaining_batches;
} producer;

static void release_schema(struct ArrowSchema *s) {
  for (int64_t i = 0; i < s->n_children; i++) {
    if (s->children[i]->release) s->children[i]->release(s->children[i]);
    free(s->children[i]);
  }
  free(s->children);
  s->release = NULL;
}

static void release_leaf_schema(struct ArrowSchema *s) { s->release = NULL; }

static int get_schema(struct ArrowArrayStream *stream, struct ArrowSchema *out) {
  (void)stream;
  struct ArrowSchema *child = calloc(1, sizeof *child);
  *child = (struct ArrowSchema){.format = "l", .name = "n", .flags = 0, .release = release_leaf_schema};
  struct ArrowSchema **children = calloc(1, sizeof *children);
  children[0] = child;
  *out = (struct ArrowSchema){.format = "+s", .name = "", .n_children = 1, .children = children,
                              .release = release_schema};
  return 0;
}

static void release_array(struct ArrowArray *a) {
  for (int64_t i = 0; i < a->n_children; i++) {
    struct ArrowArray *c = a->children[i];
    if (c->release) c->release(c);
    free(c);
  }
  free(a->children);
  free((void *)a->buffers);
  a->release = NULL;
}

static void release_leaf_array(struct ArrowArray *a) {
  free((void *)a->buffers[1]);
  free((void *)a->buffers);
  a->release = NULL;
}

static int get_next(struct ArrowArrayStream *stream, struct ArrowArray *out) {
  producer *p = stream->private_data;
  if (p->remaining_batches == 0) {
    memset(out, 0, sizeof *out); /* released array: end of stream */
    return 0;
  }
  p->remaining_batches--;
  int64_t *values = malloc(ROWS * sizeof *values);
  for (int64_t i = 0; i < ROWS; i++) values[i] = p->start + i;
  p->start += ROWS;
  const void **leaf_buffers = calloc(2, sizeof *leaf_buffers);
  leaf_buffers[1] = values;
  struct ArrowArray *leaf = calloc(1, sizeof *leaf);
  *leaf = (struct ArrowArray){.length = ROWS, .n_buffers = 2, .buffers = leaf_buffers, .release = release_leaf_array};
  struct ArrowArray **children = calloc(1, sizeof *children);
  children[0] = leaf;
  const void **buffers = calloc(1, sizeof *buffers);
  *out = (struct ArrowArray){.length = ROWS, .n_buffers = 1, .buffers = buffers, .n_children = 1,
                             .children = children, .release = release_array};
  return 0;
}

static const char *get_last_error(struct ArrowArrayStream *stream) { (void)stream; return NULL; }

static void release_stream(struct ArrowArrayStream *stream) {
  free(stream->private_data);
  stream->release = NULL;
}

static struct ArrowArrayStream make_input(int64_t start, int batches) {
  producer *p = malloc(sizeof *p);
  *p = (producer){.start = start, .remaining_batches = batches};
  return (struct ArrowArrayStream){.get_schema = get_schema, .get_next = get_next, .get_last_error = get_last_error,
                                   .release = release_stream, .private_data = p};
}

/* ---- checks ---- */

static int failures = 0;

static void check_ok(mvs_status status, mvs_error *err, const char *what) {
  if (status != MVS_STATUS_OK) {
    fprintf(stderr, "smoke: %s failed with status %d: %s\n", what, (int)status, mvs_error_message(err));
    mvs_error_free(err);
    exit(1);
  }
}

static void expect(int condition, const char *what) {
  if (!condition) {
    fprintf(stderr, "smoke: expected %s\n", what);
    failures++;
  }
}

static uint64_t scan_rows(mvs_table *table, const char *filter) {
  struct ArrowArrayStream out;
  mvs_error *err = NULL;
  const char *columns[] = {"n"};
  check_ok(mvs_table_scan(table, columns, 1, filter, -1, &out, &err), err, "scan");
  uint64_t rows = 0;
  for (;;) {
    struct ArrowArray batch;
    if (out.get_next(&out, &batch) != 0) {
      fprintf(stderr, "smoke: get_next failed: %s\n", out.get_last_error(&out));
      exit(1);
    }
    if (batch.release == NULL) break;
    rows += (uint64_t)batch.length;
    batch.release(&batch);
  }
  out.release(&out);
  return rows;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s <table-dir>\n", argv[0]);
    return 2;
  }
  expect(mvs_abi_version() == MVS_ABI_VERSION, "ABI version of the library equals the header's");
  mvs_runtime *runtime = NULL;
  mvs_error *err = NULL;
  check_ok(mvs_runtime_new(2, &runtime, &err), err, "runtime_new");

  struct ArrowArrayStream input = make_input(0, 3);
  mvs_table *table = NULL;
  check_ok(mvs_table_create(runtime, argv[1], &input, &table, &err), err, "create");
  expect(input.release == NULL, "create consumed the input stream");

  input = make_input(3 * ROWS, 2);
  check_ok(mvs_table_append(table, &input, &err), err, "append");
  expect(input.release == NULL, "append consumed the input stream");

  uint64_t count = 0;
  check_ok(mvs_table_count_rows(table, NULL, &count, &err), err, "count");
  expect(count == 5 * ROWS, "5000 rows after create + append");
  expect(scan_rows(table, "n < 1500") == 1500, "1500 rows with n < 1500");

  uint64_t deleted = 0;
  check_ok(mvs_table_delete(table, "n >= 4000", &deleted, &err), err, "delete");
  expect(deleted == ROWS, "1000 rows deleted");
  expect(scan_rows(table, NULL) == 4 * ROWS, "4000 rows left");

  mvs_compaction_stats compaction;
  check_ok(mvs_table_compact(table, 0, &compaction, &err), err, "compact");
  mvs_table_stats stats;
  check_ok(mvs_table_get_stats(table, &stats, &err), err, "stats");
  expect(stats.num_fragments == 1, "one fragment after compaction");
  expect(stats.num_rows == 4 * ROWS, "4000 rows after compaction");

  /* Errors: a typed status with a message naming what was missing. */
  mvs_table *missing = NULL;
  mvs_status status = mvs_table_open(runtime, "/nonexistent/mvs-smoke.lance", MVS_VERSION_LATEST, &missing, &err);
  expect(status == MVS_STATUS_NOT_FOUND && missing == NULL, "open of a missing table is NOT_FOUND");
  expect(strstr(mvs_error_message(err), "/nonexistent/mvs-smoke.lance") != NULL, "the error names the path");
  mvs_error_free(err);
  err = NULL;
  mvs_vector_index_health health;
  status = mvs_table_vector_index_health(table, "vector_idx", &health, &err);
  expect(status == MVS_STATUS_NOT_FOUND, "the health of an index the table lacks is NOT_FOUND");
  mvs_error_free(err);

  mvs_table_close(table);
  mvs_table_close(NULL);
  mvs_runtime_free(runtime);
  if (failures) return 1;
  printf("smoke: ok (create, append, count, scan, delete, compact, errors)\n");
  return 0;
}
