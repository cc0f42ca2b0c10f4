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
 * A ganpoet state file: a safetensors file (DJL's own codec, {@code NDList.Encoding.SAFETENSORS}) holding a run's
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
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray named = e.getValue().duplicate();
            named.setName(e.getKey());
            list.add(named);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve("." + file.getFileName() + ".partial");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            list.encode(out, NDList.Encoding.SAFETENSORS);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException(file + ": could not be written (" + e.getMessage() + ")", e);
        } finally {
            list.close();
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
