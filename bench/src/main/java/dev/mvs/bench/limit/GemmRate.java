package dev.mvs.bench.limit;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Sustained matrix-multiply rate of this machine through the kernels the models run on: ONNX Runtime's
 * MatMul (fp32) and MatMulInteger (uint8 activations × int8 weights, as the -q models' quantised layers),
 * one node per session, the weights a constant (prepacked, as in a model), the activations an input.
 */
final class GemmRate {

    /** Rows of the activation matrix: the tokens of one model batch (LengthBatching allows up to 8,192). */
    static final int ROWS = 4_096;
    private static final long MIN_NANOS = 1_500_000_000L;
    private static final int MIN_RUNS = 5;

    private GemmRate() {}

    /** GFLOP/s (2 per multiply-add) of {@code [ROWS × k] · [k × n]}, median of {@code repeats}. */
    static double measure(boolean int8, int k, int n, int threads, int repeats) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Random random = new Random(k * 31L + n);
        byte[] model = int8 ? int8Model(k, n, random) : fp32Model(k, n, random);
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(model, so);
                 OnnxTensor a = int8 ? OnnxTensor.createTensor(env, bytes(ROWS * k, random), new long[] {ROWS, k}, OnnxJavaType.UINT8)
                         : OnnxTensor.createTensor(env, floats(ROWS * k, random).asFloatBuffer(), new long[] {ROWS, k});
                 OnnxTensor zero = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(1).put(0, (byte) 128), new long[] {}, OnnxJavaType.UINT8)) {
                Map<String, OnnxTensor> inputs = int8 ? Map.of("a", a, "a_zero", zero) : Map.of("a", a);
                double[] rates = new double[repeats];
                run(session, inputs); // warm-up: first-run allocations
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    int runs = 0;
                    while (runs < MIN_RUNS || System.nanoTime() - t0 < MIN_NANOS) {
                        run(session, inputs);
                        runs++;
                    }
                    rates[r] = 2.0 * ROWS * k * n * runs / (System.nanoTime() - t0);
                }
                Arrays.sort(rates);
                return rates[repeats / 2];
            }
        }
    }

    private static void run(OrtSession session, Map<String, OnnxTensor> inputs) throws OrtException {
        try (OrtSession.Result result = session.run(inputs)) {
            if (result.size() != 1) {
                throw new IllegalStateException("expected one output");
            }
        }
    }

    private static byte[] fp32Model(int k, int n, Random random) {
        return OneNodeModel.of("MatMul", List.of(new OneNodeModel.Input("a", OneNodeModel.FLOAT, -1, k)),
                List.of(new OneNodeModel.Initializer("b", OneNodeModel.FLOAT, new long[] {k, n}, floats(k * n, random).array())),
                List.of("a", "b"), OneNodeModel.FLOAT);
    }

    private static byte[] int8Model(int k, int n, Random random) {
        byte[] weights = new byte[k * n];
        random.nextBytes(weights);
        return OneNodeModel.of("MatMulInteger",
                List.of(new OneNodeModel.Input("a", OneNodeModel.UINT8, -1, k), new OneNodeModel.Input("a_zero", OneNodeModel.UINT8)),
                List.of(new OneNodeModel.Initializer("b", OneNodeModel.INT8, new long[] {k, n}, weights),
                        new OneNodeModel.Initializer("b_zero", OneNodeModel.INT8, new long[] {n}, new byte[n])),
                List.of("a", "b", "a_zero", "b_zero"), OneNodeModel.INT32);
    }

    private static ByteBuffer floats(int count, Random random) {
        ByteBuffer b = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putFloat((float) random.nextGaussian());
        }
        return b.flip();
    }

    private static ByteBuffer bytes(int count, Random random) {
        byte[] raw = new byte[count];
        random.nextBytes(raw);
        return ByteBuffer.allocateDirect(count).put(raw).flip();
    }
}
