package dev.mvs.bench.limit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An ONNX model of one node, written as protobuf bytes by hand (the ONNX schema's field numbers; no
 * protobuf library needed): runtime inputs with a symbolic first dimension, constant initializers
 * (as a real model's weights are, so ONNX Runtime prepacks them the same way) and one output.
 */
final class OneNodeModel {

    /** ONNX TensorProto.DataType values used here. */
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;

    /** A graph input: its name, element type and shape ({@code -1} = the symbolic dimension "M"). */
    record Input(String name, int type, long... shape) {}

    /** A constant: its name, element type, dimensions and little-endian raw bytes. */
    record Initializer(String name, int type, long[] dims, byte[] raw) {}

    private OneNodeModel() {}

    static byte[] of(String opType, List<Input> inputs, List<Initializer> initializers, List<String> nodeInputs, int outputType) {
        Proto node = new Proto();
        nodeInputs.forEach(i -> node.string(1, i));
        node.string(2, "y").string(3, "node").string(4, opType);
        Proto graph = new Proto().message(1, node).string(2, "one-node");
        for (Initializer init : initializers) {
            Proto t = new Proto();
            for (long d : init.dims()) {
                t.varint(1, d);
            }
            graph.message(5, t.varint(2, init.type()).string(8, init.name()).bytes(9, init.raw()));
        }
        for (Input in : inputs) {
            Proto shape = new Proto();
            for (long d : in.shape()) {
                shape.message(1, d < 0 ? new Proto().string(2, "M") : new Proto().varint(1, d));
            }
            graph.message(11, valueInfo(in.name(), in.type(), shape));
        }
        graph.message(12, valueInfo("y", outputType, null));
        return new Proto().varint(1, 7).message(7, graph).message(8, new Proto().string(1, "").varint(2, 13)).toBytes();
    }

    private static Proto valueInfo(String name, int type, Proto shape) {
        Proto tensor = new Proto().varint(1, type);
        if (shape != null) {
            tensor.message(2, shape);
        }
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    /** Protobuf wire format: varint (type 0) and length-delimited (type 2) fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            raw((long) field << 3 | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.toBytes());
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
