package reportqa.retrieval.embed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * bge-small-zh's graph with its last layer computing the first ([CLS]) token only: the vector a
 * text gets is that token's output, yet the stock graph runs the last layer's query projection,
 * attention, output projection and feed-forward block for every token and the pooling throws all
 * but one away. Here the last layer's query and its residual input are cut to the first token
 * (two {@code Slice} nodes), so that everything after them runs on one row: a fifth less arithmetic
 * for a text of any length, and one row to copy out instead of one per token.
 *
 * <p>The query projection reads the first token's row of the same 8-bit tensor as before, and the
 * residual the same floats, so both are exact. What changes is downstream: the model quantises
 * each matrix product's input with a range read from the whole tensor (dynamic quantisation), and
 * that tensor is now the first token's row only, so the vector moves a little (1 − cosine about
 * 6e-4 on CMRC passages, at most 2e-3) — a function of the text alone, as before, but not the stock
 * model's vector: such vectors carry a model id of their own.
 *
 * <p>The graph is edited in the protobuf wire format of ONNX's {@code ModelProto}: every field is
 * copied as it is but the graph's, in which the two nodes that read the last layer's input are
 * given the cut tensors, each preceded by its {@code Slice}, and three constants are added. Nothing
 * is parsed beyond the node names and inputs it needs; a graph without the nodes named here (another
 * model) is refused.
 */
final class FirstTokenGraph {

    /** The last layer's input: the third layer's output (floats). */
    static final String LAYER_INPUT = "/encoder/layer.2/output/LayerNorm/Add_1_output_0";

    /** The same, quantised to 8 bits for the last layer's three projections. */
    static final String LAYER_INPUT_QUANTIZED = LAYER_INPUT + "_quantized";

    /** The last layer's query projection: reads {@link #LAYER_INPUT_QUANTIZED} as its first input. */
    static final String QUERY_PROJECTION = "/encoder/layer.3/attention/self/query/MatMul_quant";

    /** The last layer's residual sum after attention: reads {@link #LAYER_INPUT} as its second input. */
    static final String ATTENTION_RESIDUAL = "/encoder/layer.3/attention/output/Add";

    static final String FIRST_TOKEN_QUANTIZED = "first_token/quantized";
    static final String FIRST_TOKEN = "first_token/residual";

    private static final String STARTS = "first_token/starts";
    private static final String ENDS = "first_token/ends";
    private static final String AXES = "first_token/axes";

    // ONNX's field numbers (onnx.proto): ModelProto.graph; GraphProto.node, .initializer;
    // NodeProto.input, .output, .name, .op_type; TensorProto.dims, .data_type, .name, .raw_data.
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int INT64 = 7;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private FirstTokenGraph() {}

    /**
     * The model with its last layer cut to the first token.
     *
     * @param model an ONNX model file's bytes
     * @throws IllegalArgumentException if the bytes are not a model whose graph has the nodes this
     *     cut is made for, each once and reading the tensors it expects
     */
    static byte[] cut(byte[] model) {
        Reader in = new Reader(model, 0, model.length);
        Pieces out = new Pieces(model);
        int graphs = 0;
        while (in.more()) {
            int start = in.pos;
            int tag = in.varint32();
            if (tag == (MODEL_GRAPH << 3 | LENGTH_DELIMITED)) {
                Pieces graph = cutGraph(in.message());
                out.add(tag(MODEL_GRAPH, graph.size));
                out.add(graph);
                graphs++;
            } else {
                in.skip(tag);
                out.keep(start, in.pos);
            }
        }
        if (graphs != 1) {
            throw new IllegalArgumentException("not an ONNX model with one graph: " + graphs + " graphs");
        }
        return out.bytes();
    }

    private static Pieces cutGraph(Reader graph) {
        Pieces out = new Pieces(graph.bytes);
        int queries = 0;
        int residuals = 0;
        while (graph.more()) {
            int start = graph.pos;
            int tag = graph.varint32();
            if (tag == (GRAPH_NODE << 3 | LENGTH_DELIMITED)) {
                Reader node = graph.message();
                String name = nodeName(node.copy());
                if (name.equals(QUERY_PROJECTION)) {
                    out.add(field(GRAPH_NODE, slice(LAYER_INPUT_QUANTIZED, FIRST_TOKEN_QUANTIZED)));
                    out.add(field(GRAPH_NODE, rewire(node, name, 0, LAYER_INPUT_QUANTIZED, FIRST_TOKEN_QUANTIZED)));
                    queries++;
                    continue;
                }
                if (name.equals(ATTENTION_RESIDUAL)) {
                    out.add(field(GRAPH_NODE, slice(LAYER_INPUT, FIRST_TOKEN)));
                    out.add(field(GRAPH_NODE, rewire(node, name, 1, LAYER_INPUT, FIRST_TOKEN)));
                    residuals++;
                    continue;
                }
            } else {
                graph.skip(tag);
            }
            out.keep(start, graph.pos);
        }
        if (queries != 1 || residuals != 1) {
            throw new IllegalArgumentException("not the graph this cut is made for: " + queries + " nodes named "
                    + QUERY_PROJECTION + ", " + residuals + " named " + ATTENTION_RESIDUAL + " (one each expected)");
        }
        out.add(field(GRAPH_INITIALIZER, int64Constant(STARTS, 0)));
        out.add(field(GRAPH_INITIALIZER, int64Constant(ENDS, 1)));
        out.add(field(GRAPH_INITIALIZER, int64Constant(AXES, 1)));
        return out;
    }

    private static String nodeName(Reader node) {
        String name = "";
        while (node.more()) {
            int tag = node.varint32();
            if (tag == (NODE_NAME << 3 | LENGTH_DELIMITED)) {
                name = node.string();
            } else {
                node.skip(tag);
            }
        }
        return name;
    }

    /** The node (named {@code name}) with its {@code index}-th input, which must be {@code from}, reading {@code to}. */
    private static byte[] rewire(Reader node, String name, int index, String from, String to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(node.end - node.pos + to.length());
        List<String> inputs = new ArrayList<>();
        while (node.more()) {
            int start = node.pos;
            int tag = node.varint32();
            if (tag == (NODE_INPUT << 3 | LENGTH_DELIMITED)) {
                String input = node.string();
                if (inputs.size() == index) {
                    if (!input.equals(from)) {
                        throw new IllegalArgumentException(
                                name + " reads " + input + " as input " + index + ", not " + from);
                    }
                    input = to;
                }
                inputs.add(input);
                writeStringField(out, NODE_INPUT, input);
            } else {
                node.skip(tag);
                out.write(node.bytes, start, node.pos - start);
            }
        }
        if (inputs.size() <= index) {
            throw new IllegalArgumentException(name + " has " + inputs.size() + " inputs, not " + (index + 1));
        }
        return out.toByteArray();
    }

    /** A node taking the first row along axis 1 (the tokens) of {@code input}, keeping the axis. */
    private static byte[] slice(String input, String output) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String in : List.of(input, STARTS, ENDS, AXES)) {
            writeStringField(out, NODE_INPUT, in);
        }
        writeStringField(out, NODE_OUTPUT, output);
        writeStringField(out, NODE_NAME, output + "/Slice");
        writeStringField(out, NODE_OP_TYPE, "Slice");
        return out.toByteArray();
    }

    /** A one-element int64 tensor. */
    private static byte[] int64Constant(String name, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, TENSOR_DIMS << 3 | VARINT);
        writeVarint(out, 1);
        writeVarint(out, TENSOR_DATA_TYPE << 3 | VARINT);
        writeVarint(out, INT64);
        writeStringField(out, TENSOR_NAME, name);
        byte[] raw = new byte[Long.BYTES];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (value >>> (8 * i)); // little-endian, as ONNX stores raw data
        }
        writeBytesField(out, TENSOR_RAW_DATA, raw);
        return out.toByteArray();
    }

    /** A length-delimited field: its tag, length and value. */
    private static byte[] field(int field, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 10);
        writeBytesField(out, field, value);
        return out.toByteArray();
    }

    /** A length-delimited field's tag and length, for a value of {@code length} bytes written after it. */
    private static byte[] tag(int field, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        writeVarint(out, field << 3 | LENGTH_DELIMITED);
        writeVarint(out, length);
        return out.toByteArray();
    }

    private static void writeStringField(ByteArrayOutputStream out, int field, String value) {
        writeBytesField(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytesField(ByteArrayOutputStream out, int field, byte[] value) {
        writeVarint(out, field << 3 | LENGTH_DELIMITED);
        writeVarint(out, value.length);
        out.write(value, 0, value.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /**
     * The bytes of a message being written: runs of the source's bytes kept as they are and new bytes
     * between them, put together once at the end, so that the model's 24 MB of weights are copied once.
     */
    private static final class Pieces {
        private final byte[] source;
        private final List<Object> pieces = new ArrayList<>();
        private int keptFrom = -1;
        private int keptTo = -1;
        long size;

        Pieces(byte[] source) {
            this.source = source;
        }

        /** Keeps the source's bytes from {@code from} to {@code to}, joined to the run before them if they follow it. */
        void keep(int from, int to) {
            if (from != keptTo) {
                flush();
                keptFrom = from;
            }
            keptTo = to;
            size += to - from;
        }

        void add(byte[] bytes) {
            flush();
            pieces.add(bytes);
            size += bytes.length;
        }

        void add(Pieces other) {
            flush();
            other.flush();
            pieces.addAll(other.pieces);
            size += other.size;
        }

        private void flush() {
            if (keptFrom >= 0) {
                pieces.add(new int[] {keptFrom, keptTo});
                keptFrom = -1;
                keptTo = -1;
            }
        }

        byte[] bytes() {
            flush();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a model of " + size + " bytes");
            }
            byte[] out = new byte[(int) size];
            int at = 0;
            for (Object piece : pieces) {
                if (piece instanceof byte[] bytes) {
                    System.arraycopy(bytes, 0, out, at, bytes.length);
                    at += bytes.length;
                } else {
                    int[] run = (int[]) piece;
                    System.arraycopy(source, run[0], out, at, run[1] - run[0]);
                    at += run[1] - run[0];
                }
            }
            return out;
        }
    }

    /** A protobuf message's fields, read from {@code pos} to {@code end} of {@code bytes}. */
    private static final class Reader {
        final byte[] bytes;
        int pos;
        final int end;

        Reader(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        Reader copy() {
            return new Reader(bytes, pos, end);
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("not an ONNX model: a number runs past its message");
                }
                byte b = bytes[pos++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("not an ONNX model: a number longer than 10 bytes");
        }

        int varint32() {
            long value = varint();
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("not an ONNX model: a field tag or length of " + value);
            }
            return (int) value;
        }

        /** The length-delimited field's value as a message; the reader moves past it. */
        Reader message() {
            int length = varint32();
            if (length > end - pos) {
                throw new IllegalArgumentException("not an ONNX model: a field runs past its message");
            }
            Reader message = new Reader(bytes, pos, pos + length);
            pos += length;
            return message;
        }

        String string() {
            Reader value = message();
            return new String(bytes, value.pos, value.end - value.pos, StandardCharsets.UTF_8);
        }

        /** Moves past the value of a field with {@code tag}. */
        void skip(int tag) {
            switch (tag & 7) {
                case VARINT -> varint();
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> message();
                case FIXED32 -> advance(4);
                default -> throw new IllegalArgumentException("not an ONNX model: wire type " + (tag & 7));
            }
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw new IllegalArgumentException("not an ONNX model: a field runs past its message");
            }
            pos += n;
        }
    }
}
