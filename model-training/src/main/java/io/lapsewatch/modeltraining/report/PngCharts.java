package io.lapsewatch.modeltraining.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts rendered with JFreeChart to PNG bytes, for reports that embed them as {@code data:} URIs
 * (one self-contained HTML file). NaN values are left out of a series rather than drawn as zero.
 */
public final class PngCharts {
  /** Width of a rendered chart, in pixels. */
  public static final int WIDTH = 760;

  /** Height of a rendered chart, in pixels. */
  public static final int HEIGHT = 340;

  private PngCharts() {}

  /**
   * One line per series over calendar days ({@code values[i]} belongs to {@code days.get(i)}); a
   * series named {@code reference ...} or {@code alert level ...} is a level to compare against and
   * is drawn dashed grey.
   */
  public static byte[] daily(
      String title, String valueLabel, List<LocalDate> days, Map<String, double[]> series) {
    TimeSeriesCollection data = new TimeSeriesCollection();
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      TimeSeries s = new TimeSeries(e.getKey());
      double[] v = e.getValue();
      for (int i = 0; i < days.size(); i++) {
        if (Double.isFinite(v[i])) {
          LocalDate d = days.get(i);
          s.add(new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear()), v[i]);
        }
      }
      data.addSeries(s);
    }
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(title, "day", valueLabel, data, true, false, false);
    XYItemRenderer renderer = chart.getXYPlot().getRenderer();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      String key = String.valueOf(data.getSeriesKey(i));
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      if (key.startsWith("reference") || key.startsWith("alert level")) {
        renderer.setSeriesPaint(i, Color.DARK_GRAY);
        renderer.setSeriesStroke(
            i,
            new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      }
    }
    return png(chart);
  }

  /** Grouped bars: one bar per series in each category. */
  public static byte[] bars(
      String title,
      String categoryLabel,
      String valueLabel,
      List<String> categories,
      Map<String, double[]> series) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      for (int i = 0; i < categories.size(); i++) {
        double v = e.getValue()[i];
        data.addValue(Double.isFinite(v) ? v : null, e.getKey(), categories.get(i));
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, categoryLabel, valueLabel, data, PlotOrientation.VERTICAL, true, false, false);
    return png(chart);
  }

  /** Lines with markers through (x, y) points: {@code points[0]} the x, {@code points[1]} the y. */
  public static byte[] xy(
      String title, String xLabel, String yLabel, Map<String, double[][]> series) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      XYSeries s = new XYSeries(e.getKey(), false);
      double[] x = e.getValue()[0];
      double[] y = e.getValue()[1];
      for (int i = 0; i < x.length; i++) {
        if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
          s.add(x[i], y[i]);
        }
      }
      data.addSeries(s);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setRenderer(new XYLineAndShapeRenderer(true, true));
    return png(chart);
  }

  /** The PNG as a {@code data:} URI for an {@code img src}. */
  public static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  private static byte[] png(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    if (chart.getPlot() instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
      xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
    } else if (chart.getPlot() instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not render chart '" + chart.getTitle().getText() + "'", e);
    }
    return out.toByteArray();
  }
}
