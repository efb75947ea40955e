package io.lapsewatch.modeltraining.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * A Tribuo XGBoost classifier's trees, re-read from the booster's JSON dump and evaluated in pure
 * Java. Tribuo's predict builds a native matrix per call (about 1.7 ms for one row); walking the
 * same trees here costs microseconds, with the same float arithmetic, so online scoring needs no
 * micro-batching. A test checks the scores agree with Tribuo's.
 */
final class XGBoostTrees {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One tree in flat arrays; a negative {@code feature} marks a leaf. */
  private record Tree(
      int[] feature,
      float[] threshold,
      int[] yes,
      int[] no,
      int[] missing,
      float[] leaf,
      int outputClass) {}

  private final Tree[] trees;
  private final int lapsedClass;
  private final int classes;
  private final float baseScore;

  private XGBoostTrees(Tree[] trees, int lapsedClass, int classes, float baseScore) {
    this.trees = trees;
    this.lapsedClass = lapsedClass;
    this.classes = classes;
    this.baseScore = baseScore;
  }

  /**
   * Reads the trees of {@code model}; {@code featureNames} is the schema order the scorer will
   * receive values in.
   */
  static XGBoostTrees of(XGBoostModel<Label> model, String[] featureNames) throws IOException {
    List<Booster> boosters = model.getInnerModels();
    if (boosters.size() != 1) {
      throw new IOException("expected one booster, found " + boosters.size());
    }
    int classes = model.getOutputIDInfo().size();
    int lapsed = model.getOutputIDInfo().getID(new Label(ChurnModel.LAPSED));
    // Tribuo's feature id -> position in the schema order.
    int[] schemaIndex = new int[model.getFeatureIDMap().size()];
    java.util.Arrays.fill(schemaIndex, -1);
    Map<String, Integer> byName = new java.util.HashMap<>();
    for (int i = 0; i < featureNames.length; i++) {
      byName.put(featureNames[i], i);
    }
    for (int id = 0; id < schemaIndex.length; id++) {
      Integer at = byName.get(model.getFeatureIDMap().get(id).getName());
      schemaIndex[id] = at == null ? -1 : at;
    }
    String[] dump;
    try {
      dump = boosters.get(0).getModelDump((String) null, false, "json");
    } catch (XGBoostError e) {
      throw new IOException("cannot read the XGBoost trees: " + e.getMessage(), e);
    }
    Tree[] trees = new Tree[dump.length];
    for (int t = 0; t < dump.length; t++) {
      trees[t] =
          flatten(
              MAPPER.readTree(dump[t]), schemaIndex, classes == 2 || classes > 2 ? t % classes : 0);
    }
    return new XGBoostTrees(trees, lapsed, classes, 0.5f);
  }

  private static Tree flatten(JsonNode root, int[] schemaIndex, int outputClass)
      throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    collect(root, nodes);
    int size = 0;
    for (JsonNode n : nodes) {
      size = Math.max(size, n.get("nodeid").asInt() + 1);
    }
    int[] feature = new int[size];
    float[] threshold = new float[size];
    int[] yes = new int[size];
    int[] no = new int[size];
    int[] missing = new int[size];
    float[] leaf = new float[size];
    for (JsonNode n : nodes) {
      int id = n.get("nodeid").asInt();
      if (n.has("leaf")) {
        feature[id] = -1;
        leaf[id] = (float) n.get("leaf").asDouble();
      } else {
        String split = n.get("split").asText();
        if (!split.startsWith("f")) {
          throw new IOException("unexpected split name '" + split + "' in the XGBoost dump");
        }
        int tribuoId = Integer.parseInt(split.substring(1));
        int at = schemaIndex[tribuoId];
        if (at < 0) {
          throw new IOException("tree splits on a feature the schema lacks: " + split);
        }
        feature[id] = at;
        threshold[id] = (float) n.get("split_condition").asDouble();
        yes[id] = n.get("yes").asInt();
        no[id] = n.get("no").asInt();
        missing[id] = n.get("missing").asInt();
      }
    }
    return new Tree(feature, threshold, yes, no, missing, leaf, outputClass);
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    out.add(n);
    JsonNode children = n.get("children");
    if (children != null) {
      for (JsonNode c : children) {
        collect(c, out);
      }
    }
  }

  /** Probability of the LAPSED class for values in schema order. */
  double score(double[] values) {
    double[] margin = new double[classes];
    java.util.Arrays.fill(margin, baseScore);
    float[] x = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      x[i] = (float) values[i];
    }
    for (Tree t : trees) {
      int node = 0;
      while (t.feature[node] >= 0) {
        float v = x[t.feature[node]];
        node = Float.isNaN(v) ? t.missing[node] : v < t.threshold[node] ? t.yes[node] : t.no[node];
      }
      margin[t.outputClass] += t.leaf[node];
    }
    if (classes == 1) {
      return 1 / (1 + Math.exp(-margin[0]));
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double m : margin) {
      max = Math.max(max, m);
    }
    double sum = 0;
    for (double m : margin) {
      sum += Math.exp(m - max);
    }
    return Math.exp(margin[lapsedClass] - max) / sum;
  }

  int size() {
    return trees.length;
  }
}
