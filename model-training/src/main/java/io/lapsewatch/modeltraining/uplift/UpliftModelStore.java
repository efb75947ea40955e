package io.lapsewatch.modeltraining.uplift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.modeltraining.model.Standardizer;
import io.lapsewatch.modeltraining.trainers.GradientBoostingParams;
import io.lapsewatch.modeltraining.trainers.Hyperparameters;
import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import io.lapsewatch.modeltraining.trainers.RandomForestParams;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Saves and loads uplift models in a model registry, one versioned folder per model: {@code
 * <registry>/uplift/<action>/<version>/} with {@code provenance.json} (the estimator and its base
 * learner's settings, the training arms, each part's standardisation) and one {@code <part>.tribuo}
 * per Tribuo classifier (two-model: {@code treated}, {@code control}; class-transformation: {@code
 * transformed}; X-learner: {@code effect-treated}, {@code effect-control}). Versions sort by their
 * timestamp prefix, as in {@code ModelRegistry}.
 */
public final class UpliftModelStore {
  /** Layout version of {@code provenance.json}; loading refuses others. */
  public static final int FORMAT = 1;

  public static final String PROVENANCE_FILE = "provenance.json";
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path registry;

  /**
   * @param registry the model registry root; uplift models go under {@code uplift/}
   */
  public UpliftModelStore(Path registry) {
    this.registry = registry;
  }

  /** Folder of an action's uplift models. */
  public Path actionDir(String action) {
    return registry.resolve("uplift").resolve(action);
  }

  /** Saves {@code model} as a new version of its action; returns the version folder. */
  public Path save(UpliftModel model) throws IOException {
    ObjectNode doc = describe(model);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    String base = "u" + stamp + "-" + sha256(doc.toString()).substring(0, 6);
    Path dir = actionDir(model.provenance().action()).resolve(base);
    for (int n = 2; Files.exists(dir); n++) {
      dir = actionDir(model.provenance().action()).resolve(base + "-" + n);
    }
    write(model, doc, dir);
    return dir;
  }

  /** Saves {@code model} into exactly {@code dir} (tests, golden models). */
  public static void saveTo(UpliftModel model, Path dir) throws IOException {
    write(model, describe(model), dir);
  }

  /** Versions of an action, oldest first. */
  public List<String> versions(String action) throws IOException {
    List<String> out = new ArrayList<>();
    Path dir = actionDir(action);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> Files.isRegularFile(p.resolve(PROVENANCE_FILE)))
          .map(p -> p.getFileName().toString())
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  /** Loads the model in a version folder. */
  @SuppressWarnings("unchecked")
  public static UpliftModel load(Path dir) throws IOException {
    Path file = dir.resolve(PROVENANCE_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IOException("no uplift model in " + dir + ": expected " + PROVENANCE_FILE);
    }
    JsonNode doc = MAPPER.readTree(file.toFile());
    int format = doc.path("format").asInt(-1);
    if (format != FORMAT) {
      throw new IOException(
          file + " has layout format " + format + "; this build reads format " + FORMAT);
    }
    UpliftEstimator estimator =
        estimator(doc.path("estimator").asText(), base(doc.path("base"), file));
    List<String> names = new ArrayList<>();
    doc.path("featureNames").forEach(n -> names.add(n.asText()));
    UpliftProvenance provenance =
        new UpliftProvenance(
            estimator.name(),
            estimator.params(),
            doc.path("action").asText(),
            names,
            doc.path("treatedRows").asInt(),
            doc.path("controlRows").asInt(),
            doc.path("treatedRenewalRate").asDouble(),
            doc.path("controlRenewalRate").asDouble());
    Map<String, WeightedClassifier> parts = new LinkedHashMap<>();
    String[] n = names.toArray(new String[0]);
    for (JsonNode p : doc.path("parts")) {
      String name = p.path("name").asText();
      Model<?> m = Model.deserializeFromFile(dir.resolve(name + ".tribuo"));
      if (!m.validate(Label.class)) {
        throw new IOException(dir.resolve(name + ".tribuo") + " is not a classification model");
      }
      Standardizer std = new Standardizer(doubles(p.path("mean")), doubles(p.path("std")));
      parts.put(name, WeightedClassifier.restore((Model<Label>) m, std, n));
    }
    return switch (estimator.name()) {
      case "two-model" ->
          new TwoModelLearner.Model(
              part(parts, "treated", file), part(parts, "control", file), provenance);
      case "class-transformation" ->
          new ClassTransformationLearner.Model(part(parts, "transformed", file), provenance);
      case "x-learner" ->
          new XLearner.Model(
              part(parts, "effect-treated", file),
              part(parts, "effect-control", file),
              doc.path("treatedShare").asDouble(),
              provenance);
      default -> throw new IOException(file + ": unknown estimator " + estimator.name());
    };
  }

  private static WeightedClassifier part(
      Map<String, WeightedClassifier> parts, String name, Path file) throws IOException {
    WeightedClassifier c = parts.get(name);
    if (c == null) {
      throw new IOException(file + " lists no part '" + name + "'");
    }
    return c;
  }

  private static ObjectNode describe(UpliftModel model) {
    UpliftProvenance p = model.provenance();
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("estimator", p.estimator());
    Hyperparameters base = baseOf(model);
    ObjectNode b = doc.putObject("base");
    b.put("kind", base.kind().flag());
    b.set("params", MAPPER.valueToTree(base.asMap()));
    doc.set("params", MAPPER.valueToTree(p.params()));
    doc.put("action", p.action());
    ArrayNode names = doc.putArray("featureNames");
    p.featureNames().forEach(names::add);
    doc.put("treatedRows", p.treatedRows());
    doc.put("controlRows", p.controlRows());
    doc.put("treatedRenewalRate", p.treatedRenewalRate());
    doc.put("controlRenewalRate", p.controlRenewalRate());
    if (model instanceof XLearner.Model x) {
      doc.put("treatedShare", x.treatedShare());
    }
    ArrayNode parts = doc.putArray("parts");
    parts(model)
        .forEach(
            (name, c) -> {
              ObjectNode n = parts.addObject();
              n.put("name", name);
              n.set("mean", MAPPER.valueToTree(c.standardizer().mean()));
              n.set("std", MAPPER.valueToTree(c.standardizer().std()));
              n.put("tribuoProvenance", c.tribuoModel().getProvenance().toString());
            });
    return doc;
  }

  private static void write(UpliftModel model, ObjectNode doc, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, WeightedClassifier> e : parts(model).entrySet()) {
      e.getValue().tribuoModel().serializeToFile(dir.resolve(e.getKey() + ".tribuo"));
    }
    // The provenance file goes last: a folder without it is not listed as a version.
    ObjectNode withTime = doc.deepCopy();
    withTime.put("savedAt", Instant.now().toString());
    Files.writeString(
        dir.resolve(PROVENANCE_FILE),
        MAPPER.writeValueAsString(withTime) + "\n",
        StandardCharsets.UTF_8);
  }

  private static Map<String, WeightedClassifier> parts(UpliftModel model) {
    Map<String, WeightedClassifier> m = new LinkedHashMap<>();
    if (model instanceof TwoModelLearner.Model t) {
      m.put("treated", t.treated());
      m.put("control", t.control());
    } else if (model instanceof ClassTransformationLearner.Model c) {
      m.put("transformed", c.classifier());
    } else if (model instanceof XLearner.Model x) {
      m.put("effect-treated", x.tauT());
      m.put("effect-control", x.tauC());
    } else {
      throw new IllegalArgumentException(
          "cannot save uplift model of type " + model.getClass().getSimpleName());
    }
    return m;
  }

  private static Hyperparameters baseOf(UpliftModel model) {
    String estimator = model.provenance().estimator();
    Map<String, Object> params = model.provenance().params();
    Map<String, Object> base = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (k.startsWith("base.")) {
            base.put(k.substring(5), v);
          }
        });
    JsonNode node = MAPPER.createObjectNode();
    ((ObjectNode) node).put("kind", String.valueOf(params.get("base")));
    ((ObjectNode) node).set("params", MAPPER.valueToTree(base));
    try {
      return base(node, Path.of(estimator));
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Rebuilds the base learner's configuration, so the loaded provenance equals the saved one. */
  private static Hyperparameters base(JsonNode b, Path file) throws IOException {
    JsonNode p = b.path("params");
    TrainerKind kind;
    try {
      kind = TrainerKind.parse(b.path("kind").asText());
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return switch (kind) {
      case LR ->
          new LogisticRegressionParams(
              p.path("epochs").asInt(),
              p.path("learningRate").asDouble(),
              p.path("l2").asDouble(),
              p.path("numericBins").asInt(),
              p.path("seed").asLong());
      case RF ->
          new RandomForestParams(
              p.path("trees").asInt(),
              p.path("maxDepth").asInt(),
              (float) p.path("minChildWeight").asDouble(),
              (float) p.path("featureFraction").asDouble(),
              p.path("seed").asLong());
      case GBT ->
          new GradientBoostingParams(
              p.path("rounds").asInt(),
              p.path("eta").asDouble(),
              p.path("maxDepth").asInt(),
              p.path("minChildWeight").asDouble(),
              p.path("subsample").asDouble(),
              p.path("colsample").asDouble(),
              p.path("lambda").asDouble(),
              p.path("gamma").asDouble(),
              p.path("seed").asLong());
    };
  }

  private static UpliftEstimator estimator(String name, Hyperparameters base) throws IOException {
    return switch (name) {
      case "two-model" -> new TwoModelLearner(base);
      case "class-transformation" -> new ClassTransformationLearner(base);
      case "x-learner" -> new XLearner(base);
      default -> throw new IOException("unknown uplift estimator '" + name + "'");
    };
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
