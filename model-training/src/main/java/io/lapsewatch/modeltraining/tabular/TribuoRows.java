package io.lapsewatch.modeltraining.tabular;

import io.lapsewatch.modeltraining.model.ChurnModel;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Bridges encoded rows and Tribuo: datasets for training, batched scoring for evaluation. */
public final class TribuoRows {
  /** Label of the positive class (the CSV's {@code --positive} value) inside the model. */
  public static final String POSITIVE = ChurnModel.LAPSED;

  /** Label of every other row. */
  public static final String NEGATIVE = ChurnModel.RENEWED;

  private static final Label POS = new Label(POSITIVE);
  private static final Label NEG = new Label(NEGATIVE);

  private TribuoRows() {}

  /** A Tribuo dataset of encoded rows; {@code description} ends up in the model's provenance. */
  public static MutableDataset<Label> dataset(
      double[][] x, boolean[] positive, List<String> names, String description) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
    String[] n = names.toArray(new String[0]);
    for (int i = 0; i < x.length; i++) {
      data.add(new ArrayExample<>(positive[i] ? POS : NEG, n, x[i]));
    }
    return data;
  }

  /**
   * The model's probability of the positive class for each row, predicted in one batch (XGBoost
   * builds a native matrix per call, so one call per row is hundreds of times slower).
   */
  public static double[] positiveScores(Model<Label> model, double[][] x, List<String> names) {
    String[] n = names.toArray(new String[0]);
    List<Example<Label>> examples = new ArrayList<>(x.length);
    for (double[] row : x) {
      examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, n, row));
    }
    List<Prediction<Label>> predictions = model.predict(examples);
    double[] out = new double[x.length];
    for (int i = 0; i < out.length; i++) {
      Label p = predictions.get(i).getOutputScores().get(POSITIVE);
      out[i] = p == null ? 0.0 : p.getScore();
    }
    return out;
  }
}
