package io.ganpoet.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ganpoet state file: a safetensors file (read by DJL's own codec, {@code NDList.decode}; written in order by
 * {@link #encode}) holding a run's
 * networks, optimizer state and position under the names the twin's trainer uses:
 *
 * <pre>
 * &lt;network&gt;.&lt;state-dict key&gt;            parameters and buffers ({@link StateDictNames})
 * optimizer/&lt;network&gt;.&lt;key&gt;.mean        Adam's first moment       (optional)
 * optimizer/&lt;network&gt;.&lt;key&gt;.variance    Adam's second moment      (optional)
 * optimizer/&lt;network&gt;.&lt;key&gt;.steps       int32 (1), updates so far (optional)
 * position                             int64 (4): epoch, step in epoch, global step, seed (optional)
 * </pre>
 */
public final class StateFile {

    /** The prefix of optimizer entries. */
    public static final String OPTIMIZER = "optimizer/";
    /** The position entry. */
    public static final String POSITION = "position";

    private StateFile() {}

    /**
     * Reads a safetensors file.
     *
     * @param file the file
     * @param manager owns the arrays
     * @return the tensors by name, in the file's order
     * @throws IOException naming the file when it cannot be read or is not a safetensors file
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        NDList list;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            list = NDList.decode(manager, in);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a safetensors file (" + e.getMessage() + ")", e);
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (NDArray array : list) {
            if (array.getName() == null || tensors.put(array.getName(), array) != null) {
                throw new IOException(file + ": not a safetensors file (unnamed or repeated tensor)");
            }
        }
        return tensors;
    }

    /**
     * Writes tensors as a safetensors file, atomically: a temporary file beside it, renamed into place.
     *
     * @param file the file
     * @param tensors by name, in the order to write
     * @throws IOException naming the file on failure; an existing file is then untouched
     */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve("." + file.getFileName() + ".partial");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            encode(tensors, out);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException(file + ": could not be written (" + e.getMessage() + ")", e);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The safetensors layout in the map's order. DJL's own writer ({@code NDList.encode(out, SAFETENSORS)}) lays the
     * tensors out in hash order, and a state dict's order is part of its meaning (matching by position, PyTorch's
     * {@code load_state_dict} order); DJL's reader ({@code NDList.decode}) returns the tensors in the order of their
     * data, so what this writes reads back in the order written.
     */
    static void encode(Map<String, NDArray> tensors, OutputStream out) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        java.util.List<byte[]> blobs = new java.util.ArrayList<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray array = e.getValue();
            java.nio.ByteBuffer buffer = array.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.order(java.nio.ByteOrder.nativeOrder()).get(bytes);
            if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
                reverseElements(bytes, array.getDataType().getNumOfBytes());
            }
            if (header.length() > 1) {
                header.append(',');
            }
            header.append(quoted(e.getKey()))
                    .append(":{\"dtype\":\"")
                    .append(array.getDataType().asSafetensors())
                    .append("\",\"shape\":[");
            long[] shape = array.getShape().getShape();
            for (int i = 0; i < shape.length; i++) {
                header.append(i == 0 ? "" : ",").append(shape[i]);
            }
            header.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(offset + bytes.length)
                    .append("]}");
            offset += bytes.length;
            blobs.add(bytes);
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] text = header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        length.putLong(text.length);
        out.write(length.array());
        out.write(text);
        for (byte[] blob : blobs) {
            out.write(blob);
        }
    }

    private static void reverseElements(byte[] bytes, int width) {
        for (int start = 0; start + width <= bytes.length; start += width) {
            for (int i = 0; i < width / 2; i++) {
                byte t = bytes[start + i];
                bytes[start + i] = bytes[start + width - 1 - i];
                bytes[start + width - 1 - i] = t;
            }
        }
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
