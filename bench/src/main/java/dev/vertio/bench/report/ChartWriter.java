package dev.vertio.bench.report;

import dev.vertio.bench.server.ServerKind;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the charted figures (latency percentiles, throughputs, memory) as a grid of small bar
 * charts, one per figure, Vertio and Node side by side, into a PNG. Plain Java 2D, headless.
 */
public final class ChartWriter {
  private static final int COLUMNS = 3;
  private static final int PANEL_W = 420;
  private static final int PANEL_H = 230;
  private static final Color VERTIO = new Color(0x3b6fd4);
  private static final Color NODE = new Color(0x4c9a2a);

  private ChartWriter() {}

  /**
   * @param file the PNG to write
   * @param results the figures; only the charted rows are drawn
   * @throws IOException when it cannot be written
   */
  public static void write(Path file, ResultSet results) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<ResultSet.Row> rows = results.rows().stream().filter(ResultSet.Row::chart).toList();
    int panelRows = Math.max(1, (rows.size() + COLUMNS - 1) / COLUMNS);
    BufferedImage image =
        new BufferedImage(COLUMNS * PANEL_W, 50 + panelRows * PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString("Vertio vs Node.js socket.io", 16, 30);
    legend(g, image.getWidth() - 260, 22);
    for (int i = 0; i < rows.size(); i++) {
      panel(g, rows.get(i), (i % COLUMNS) * PANEL_W, 50 + (i / COLUMNS) * PANEL_H);
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void legend(Graphics2D g, int x, int y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(VERTIO);
    g.fillRect(x, y - 10, 12, 12);
    g.setColor(Color.BLACK);
    g.drawString(ServerKind.VERTIO.label(), x + 18, y);
    g.setColor(NODE);
    g.fillRect(x + 90, y - 10, 12, 12);
    g.setColor(Color.BLACK);
    g.drawString(ServerKind.NODE.label(), x + 108, y);
  }

  private static void panel(Graphics2D g, ResultSet.Row row, int x, int y) {
    g.setColor(new Color(0xdddddd));
    g.setStroke(new BasicStroke(1));
    g.drawRect(x + 6, y + 6, PANEL_W - 12, PANEL_H - 12);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    g.drawString(fit(g, row.scenario(), PANEL_W - 30), x + 14, y + 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(
        fit(
            g,
            row.metric()
                + " ("
                + row.unit()
                + ", "
                + (row.higherIsBetter() ? "higher" : "lower")
                + " is better)",
            PANEL_W - 30),
        x + 14,
        y + 40);
    Double v = row.values().get(ServerKind.VERTIO);
    Double n = row.values().get(ServerKind.NODE);
    double max = Math.max(value(v), value(n));
    int baseY = y + PANEL_H - 30;
    int barH = PANEL_H - 100;
    bar(g, v, max, VERTIO, x + 90, baseY, barH);
    bar(g, n, max, NODE, x + 240, baseY, barH);
    g.setColor(Color.GRAY);
    g.drawLine(x + 40, baseY, x + PANEL_W - 40, baseY);
    g.setColor(Color.BLACK);
    String verdict = row.verdict();
    if (!verdict.isEmpty()) {
      g.drawString(verdict, x + 14, y + PANEL_H - 14);
    }
  }

  private static void bar(
      Graphics2D g, Double value, double max, Color color, int x, int baseY, int barH) {
    int h = max <= 0 ? 0 : (int) Math.round(barH * value(value) / max);
    g.setColor(color);
    g.fillRect(x, baseY - h, 90, h);
    g.setColor(Color.BLACK);
    g.drawString(ReportWriter.format(value), x + 4, baseY - h - 4);
  }

  private static double value(Double v) {
    return v == null || v.isNaN() || v.isInfinite() ? 0 : Math.max(0, v);
  }

  private static String fit(Graphics2D g, String s, int width) {
    FontMetrics fm = g.getFontMetrics();
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 3 && fm.stringWidth(t + "…") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }
}
