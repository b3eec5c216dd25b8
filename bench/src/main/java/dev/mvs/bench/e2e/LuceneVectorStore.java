package dev.mvs.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene's HNSW (lucene-core KnnFloatVectorField, Euclidean, default M 16 / beam width 100): the
 * graph is built per segment while documents are added; {@link #buildIndex} merges to one segment,
 * i.e. one graph, the state a search-heavy user would keep.
 */
final class LuceneVectorStore implements VectorStore {

    private static final int RAM_BUFFER_MB = 256;
    private static final Set<String> SHOWN = Set.of("chunk_id", "path");

    private Directory directory;
    private IndexWriter writer;
    private DirectoryReader reader;
    private IndexSearcher searcher;

    @Override
    public void ingest(Path dir, VectorFile vectors, Payload payload) throws IOException {
        directory = FSDirectory.open(dir);
        writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(RAM_BUFFER_MB));
        for (int i = 0; i < vectors.rows(); i++) {
            Document doc = new Document();
            doc.add(new KnnFloatVectorField("vector", vectors.get(i), VectorSimilarityFunction.EUCLIDEAN));
            doc.add(new NumericDocValuesField("id", i));
            doc.add(new StoredField("chunk_id", payload.chunkIds().get(i)));
            doc.add(new StoredField("path", payload.paths().get(i)));
            writer.addDocument(doc);
        }
        writer.commit();
    }

    @Override
    public void buildIndex() throws IOException {
        writer.forceMerge(1);
        writer.close();
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @Override
    public List<SearchSetting> settings(long rows, int dimension) {
        return List.of(SearchSetting.hnsw(10), SearchSetting.hnsw(20), SearchSetting.hnsw(40), SearchSetting.hnsw(80), SearchSetting.hnsw(160),
                SearchSetting.hnsw(320), SearchSetting.hnsw(640), SearchSetting.hnsw(1280));
    }

    /** Lucene's own default: the candidate list is k. */
    @Override
    public SearchSetting defaultSetting(long rows, int dimension) {
        return SearchSetting.hnsw(10);
    }

    @Override
    public int[] search(float[] query, int k, SearchSetting s) throws IOException {
        int ef = Math.max(k, s.first());
        TopDocs top = searcher.search(new KnnFloatVectorQuery("vector", query, ef), ef);
        List<LeafReaderContext> leaves = reader.leaves();
        int n = Math.min(k, top.scoreDocs.length);
        int[] ids = new int[n];
        StoredFields stored = searcher.storedFields();
        for (int i = 0; i < n; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            Document fields = stored.document(hit.doc, SHOWN);
            if (fields.get("chunk_id") == null || fields.get("path") == null) {
                throw new IllegalStateException("document " + hit.doc + " lost its stored fields");
            }
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            NumericDocValues id = leaf.reader().getNumericDocValues("id");
            if (!id.advanceExact(hit.doc - leaf.docBase)) {
                throw new IllegalStateException("document " + hit.doc + " has no id");
            }
            ids[i] = (int) id.longValue();
        }
        return ids;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        if (writer != null && writer.isOpen()) {
            writer.close();
        }
        if (directory != null) {
            directory.close();
        }
    }
}
