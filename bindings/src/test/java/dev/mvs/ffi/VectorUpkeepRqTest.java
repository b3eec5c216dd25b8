package dev.mvs.ffi;

/** The same upkeep on an IVF_RQ index, the type the indexing pipeline builds: merge, materialise and prune work alike. */
class VectorUpkeepRqTest extends VectorUpkeepTest {

    @Override
    VectorIndexSpec spec() {
        return VectorIndexSpec.ivfRq(8, 0);
    }
}
