package io.lapsewatch.modeltraining.trainers;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;

/**
 * Adds the gradient of an L2 penalty to every update before an inner optimiser (e.g. AdaGrad)
 * scales it, so SGD converges to the L2-regularised optimum. The bias column of a weight matrix is
 * not penalised.
 *
 * <p>Why our own: in Tribuo 4.3.2 the L2 option of {@code AdaGradRDA} does not reach the trained
 * model (its finalised weights are the raw gradient sums, whatever the penalty), and {@code
 * Pegasos} is tuned for the hinge loss.
 */
public final class L2Penalty implements StochasticGradientOptimiser {
  @Config(mandatory = true, description = "Optimiser that scales the penalised gradient.")
  private StochasticGradientOptimiser optimiser;

  @Config(
      mandatory = true,
      description = "Penalty per example update: lambda / training rows, applied as -decay * w.")
  private double decay;

  private Parameters parameters;

  /** For OLCUT configuration and provenance. */
  private L2Penalty() {}

  /**
   * @param optimiser inner optimiser that receives the penalised gradient
   * @param decay penalty per example update ({@code lambda / rows} gives {@code lambda/2 * |w|^2}
   *     on the summed loss)
   */
  public L2Penalty(StochasticGradientOptimiser optimiser, double decay) {
    if (decay < 0) {
      throw new IllegalArgumentException("L2 decay must be >= 0, was " + decay);
    }
    this.optimiser = optimiser;
    this.decay = decay;
  }

  @Override
  public void initialise(Parameters parameters) {
    optimiser.initialise(parameters);
    this.parameters = parameters;
  }

  @Override
  public Tensor[] step(Tensor[] updates, double weight) {
    if (decay == 0) {
      return optimiser.step(updates, weight);
    }
    Tensor[] current = parameters.get();
    Tensor[] penalised = new Tensor[updates.length];
    for (int i = 0; i < updates.length; i++) {
      if (current[i] instanceof DenseMatrix w) {
        DenseMatrix d = w.copy();
        d.scaleInPlace(-decay);
        int bias = d.getDimension2Size() - 1;
        for (int r = 0; r < d.getDimension1Size(); r++) {
          d.set(r, bias, 0.0);
        }
        d.intersectAndAddInPlace(updates[i]);
        penalised[i] = d;
      } else if (current[i] instanceof DenseVector v) {
        DenseVector d = v.copy();
        d.scaleInPlace(-decay);
        d.intersectAndAddInPlace(updates[i]);
        penalised[i] = d;
      } else {
        penalised[i] = updates[i];
      }
    }
    return optimiser.step(penalised, weight);
  }

  @Override
  public void finalise() {
    optimiser.finalise();
  }

  @Override
  public void reset() {
    optimiser.reset();
    parameters = null;
  }

  @Override
  public L2Penalty copy() {
    return new L2Penalty(optimiser.copy(), decay);
  }

  @Override
  public com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance getProvenance() {
    return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
  }

  @Override
  public String toString() {
    return "L2Penalty(decay=" + decay + ", " + optimiser + ")";
  }
}
