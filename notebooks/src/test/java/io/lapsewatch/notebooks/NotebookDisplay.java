package io.lapsewatch.notebooks;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * The build's stand-in for the kernel's {@code display(...)}: rapaio-jupyter-kernel imports {@code
 * org.rapaio.jupyter.kernel.global.Global.display} statically into every notebook and sends a
 * {@link RenderedImage} to Jupyter as a base64 PNG. Here the image is encoded to PNG the same way
 * and kept, so the test can check that every chart cell showed a picture.
 *
 * <p>{@link NotebookRunner} declares {@link #SHIM} in each notebook's JShell. Snippets run in this
 * JVM (local execution engine), so the shim reaches this class's captured images directly; it is
 * public because JShell snippets live in their own package.
 */
public final class NotebookDisplay {
  /** JShell declarations with the kernel's signatures, forwarding here. */
  static final List<String> SHIM =
      List.of(
          "String display(Object o) { return io.lapsewatch.notebooks.NotebookDisplay.show(null, o); }",
          "String display(String mime, Object o) {"
              + " return io.lapsewatch.notebooks.NotebookDisplay.show(mime, o); }");

  private static final List<byte[]> SHOWN = new ArrayList<>();

  private NotebookDisplay() {}

  /** Keeps {@code o} as a PNG when it is an image, as the kernel would show it; returns an id. */
  public static synchronized String show(String mime, Object o) {
    if (o instanceof RenderedImage image) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      try {
        if (!ImageIO.write(image, "png", png)) {
          throw new IllegalArgumentException("no PNG writer for " + image);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SHOWN.add(png.toByteArray());
    }
    return UUID.randomUUID().toString();
  }

  /** The PNGs shown since the last call. */
  static synchronized List<byte[]> takeShown() {
    List<byte[]> out = List.copyOf(SHOWN);
    SHOWN.clear();
    return out;
  }
}
