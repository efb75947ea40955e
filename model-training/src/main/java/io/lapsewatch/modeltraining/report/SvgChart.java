package io.lapsewatch.modeltraining.report;

import io.lapsewatch.modeltraining.Evaluation.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws small line charts as inline SVG, so the report needs no script or stylesheet. */
final class SvgChart {
  static final int WIDTH = 440;
  static final int HEIGHT = 340;
  private static final int LEFT = 58;
  private static final int RIGHT = 16;
  private static final int TOP = 34;
  private static final int BOTTOM = 48;

  /** Curves beyond this many points are thinned; the eye cannot tell and the file stays small. */
  private static final int MAX_POINTS = 400;

  private SvgChart() {}

  /** One line (and optionally dots) on a chart. */
  record Series(String name, List<Point> points, String color, boolean dashed, boolean markers) {}

  static String render(
      String id,
      String title,
      String xLabel,
      String yLabel,
      double xMax,
      double yMax,
      List<Series> series) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
            id,
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT,
            Html.escape(title)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"600\">%s</text>%n",
            LEFT,
            Html.escape(title)));
    double pw = WIDTH - LEFT - RIGHT;
    double ph = HEIGHT - TOP - BOTTOM;
    for (int i = 0; i <= 5; i++) {
      double fx = LEFT + pw * i / 5;
      double fy = TOP + ph - ph * i / 5;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>"
                  + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>%n",
              fx,
              TOP,
              fx,
              TOP + ph,
              LEFT,
              fy,
              LEFT + pw,
              fy));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\""
                  + " fill=\"#374151\">%s</text>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\""
                  + " fill=\"#374151\">%s</text>%n",
              fx,
              TOP + ph + 16,
              tick(xMax * i / 5),
              LEFT - 6,
              fy + 4,
              tick(yMax * i / 5)));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\""
                + " stroke=\"#9ca3af\"/>%n",
            LEFT,
            TOP,
            pw,
            ph));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>%n",
            LEFT + pw / 2,
            HEIGHT - 10,
            Html.escape(xLabel)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 14 %.1f)\">%s</text>%n",
            TOP + ph / 2,
            TOP + ph / 2,
            Html.escape(yLabel)));
    int legendY = TOP + (int) ph - 12 * series.size();
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      StringBuilder path = new StringBuilder();
      for (Point p : thin(line.points())) {
        path.append(path.length() == 0 ? "M" : "L")
            .append(
                String.format(Locale.ROOT, "%.1f,%.1f ", x(p.x(), xMax, pw), y(p.y(), yMax, ph)));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
              path.toString().trim(),
              line.color(),
              line.dashed() ? "1.2" : "2",
              line.dashed() ? " stroke-dasharray=\"5 4\"" : ""));
      if (line.markers()) {
        for (Point p : line.points()) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>",
                  x(p.x(), xMax, pw),
                  y(p.y(), yMax, ph),
                  line.color()));
        }
        sb.append('\n');
      }
      int ly = legendY + 12 * s;
      double lx = LEFT + pw - 150;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                  + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>%n",
              lx,
              ly - 4,
              lx + 18,
              ly - 4,
              line.color(),
              line.dashed() ? " stroke-dasharray=\"5 4\"" : "",
              lx + 24,
              ly,
              Html.escape(line.name())));
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  /** Horizontal bars, one per label, scaled to the largest magnitude; negatives drawn in blue. */
  static String bars(String id, String title, List<String> labels, List<Double> values) {
    int rowH = 20;
    int labelW = 230;
    int barW = 330;
    int h = 40 + rowH * labels.size();
    int w = labelW + barW + 80;
    double max = 1e-300;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
            id,
            w,
            h,
            w,
            h,
            Html.escape(title)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"0\" y=\"18\" font-size=\"14\" font-weight=\"600\">%s</text>%n",
            Html.escape(title)));
    for (int i = 0; i < labels.size(); i++) {
      double v = values.get(i);
      int y = 32 + rowH * i;
      double len = barW * Math.abs(v) / max;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#374151\">%s</text>%n",
              labelW - 6,
              y + 12,
              Html.escape(shorten(labels.get(i), 38)),
              labelW,
              y + 2,
              Math.max(len, 0.5),
              rowH - 6,
              v < 0 ? "#2563eb" : "#dc2626",
              labelW + len + 4,
              y + 12,
              String.format(Locale.ROOT, "%.4g", v)));
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }

  private static List<Point> thin(List<Point> points) {
    if (points.size() <= MAX_POINTS) {
      return points;
    }
    List<Point> out = new ArrayList<>();
    double step = (points.size() - 1) / (double) (MAX_POINTS - 1);
    for (int i = 0; i < MAX_POINTS; i++) {
      out.add(points.get((int) Math.round(i * step)));
    }
    return out;
  }

  private static double x(double v, double max, double pw) {
    return LEFT + pw * Math.min(1, Math.max(0, v / max));
  }

  private static double y(double v, double max, double ph) {
    return TOP + ph - ph * Math.min(1, Math.max(0, v / max));
  }

  private static String tick(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
  }
}
