package io.lapsewatch.flinkjobs.types;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Nullable strings in the job's hand-written serializers: a presence flag, then modified UTF-8. */
final class Text {
  private Text() {}

  static void write(String s, DataOutputView out) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String read(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
