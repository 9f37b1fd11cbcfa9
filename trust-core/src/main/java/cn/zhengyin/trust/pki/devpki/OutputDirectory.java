package cn.zhengyin.trust.pki.devpki;

import cn.zhengyin.trust.pki.PkiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a set of named files into a directory, refusing to replace existing ones unless told to. */
public final class OutputDirectory {
    private OutputDirectory() {}

    /**
     * Writes every file, creating the directory if needed. Nothing is written if any file exists and
     * {@code overwrite} is false.
     *
     * @throws PkiException naming the existing files, or on an I/O failure
     */
    public static void writeAll(Path directory, Map<String, byte[]> files, boolean overwrite) {
        List<String> existing = files.keySet().stream()
                .filter(name -> Files.exists(directory.resolve(name)))
                .sorted()
                .toList();
        if (!existing.isEmpty() && !overwrite) {
            throw new PkiException(directory + " already holds " + existing.size() + " of the files to write ("
                    + String.join(", ", existing.subList(0, Math.min(3, existing.size())))
                    + (existing.size() > 3 ? ", ..." : "") + "); refusing to overwrite, use --force to replace them");
        }
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(directory.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new PkiException("Cannot write into " + directory + ": " + e.getMessage(), e);
        }
    }
}
