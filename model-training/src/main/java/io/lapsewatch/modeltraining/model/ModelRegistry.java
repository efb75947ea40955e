package io.lapsewatch.modeltraining.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of versioned models, {@code ROOT/<version>/{model.tribuo,metadata.json}}, and a {@code
 * CURRENT} file naming the version the job serves.
 */
public final class ModelRegistry {
  public static final String CURRENT = "CURRENT";

  private final Path root;

  public ModelRegistry(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path versionDir(String version) {
    return root.resolve(version);
  }

  /** Versions present, oldest first (versions sort by their timestamp prefix). */
  public List<String> versions() throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> s = Files.list(root)) {
      s.filter(p -> Files.isRegularFile(p.resolve(ChurnModel.METADATA_FILE)))
          .map(p -> p.getFileName().toString())
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  /** Makes {@code version} the one served; the switch is an atomic file rename. */
  public void publish(String version) throws IOException {
    Path dir = versionDir(version);
    if (!Files.isRegularFile(dir.resolve(ChurnModel.METADATA_FILE))) {
      throw new IOException("no model version '" + version + "' in " + root);
    }
    ChurnModel.load(dir); // refuse to publish what cannot be served
    Path tmp = root.resolve(CURRENT + ".tmp");
    Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
    Files.move(
        tmp,
        root.resolve(CURRENT),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** The published version, if any. */
  public Optional<String> current() throws IOException {
    Path f = root.resolve(CURRENT);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    String v = Files.readString(f, StandardCharsets.UTF_8).trim();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** Loads the published model. */
  public ChurnModel loadCurrent() throws IOException {
    String v =
        current()
            .orElseThrow(
                () ->
                    new IOException(
                        "no published model in "
                            + root
                            + "; run: lapsewatch models publish <version>"));
    return ChurnModel.load(versionDir(v));
  }
}
