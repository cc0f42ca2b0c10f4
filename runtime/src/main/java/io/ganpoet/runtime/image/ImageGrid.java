package io.ganpoet.runtime.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Tiles a batch of images in [-1, 1] into one picture. */
public final class ImageGrid {

    private static final int GAP = 2;

    private ImageGrid() {}

    /**
     * @param images {@code (N, C, H, W)} with C = 1 or 3, values in [-1, 1]
     * @param columns images per row
     * @param scale pixel magnification (1 = native size)
     * @return the grid, images separated by a 2-pixel dark border
     */
    public static BufferedImage render(NDArray images, int columns, int scale) {
        Shape s = images.getShape();
        BufferedImage grid = blank((int) s.get(0), columns, (int) s.get(2), (int) s.get(3), scale);
        draw(grid, images, 0, columns, scale);
        return grid;
    }

    /**
     * Width × height of a grid, in pixels, without making it: what a caller checks before asking
     * for a huge one.
     *
     * @param count images in the grid
     * @param columns images per row
     * @param height one image's height
     * @param width one image's width
     * @param scale pixel magnification
     * @return the grid's pixel count, borders included
     */
    public static long pixels(long count, int columns, int height, int width, int scale) {
        long rows = (count + columns - 1) / columns;
        return ((long) columns * (GAP + (long) width * scale) + GAP) * (rows * (GAP + (long) height * scale) + GAP);
    }

    /**
     * An empty grid (dark background) for {@code count} images, to be filled batch by batch with
     * {@link #draw}: only the picture and one batch are in memory at a time.
     *
     * @param count images the grid will hold
     * @param columns images per row
     * @param height one image's height
     * @param width one image's width
     * @param scale pixel magnification
     * @return the empty grid
     */
    public static BufferedImage blank(int count, int columns, int height, int width, int scale) {
        int rows = (count + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(
                columns * (GAP + width * scale) + GAP, rows * (GAP + height * scale) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.dispose();
        return grid;
    }

    /**
     * Draws a batch of images into a grid's cells from cell {@code first} on.
     *
     * @param grid from {@link #blank}
     * @param images {@code (N, C, H, W)} with C = 1 or 3, values in [-1, 1]
     * @param first the cell of the batch's first image
     * @param columns images per row
     * @param scale pixel magnification
     */
    public static void draw(BufferedImage grid, NDArray images, int first, int columns, int scale) {
        Shape s = images.getShape();
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        byte[] pixels = images.add(1f)
                .mul(127.5f)
                .clip(0f, 255f)
                .round()
                .toType(DataType.UINT8, false)
                .toByteArray();
        int cell = GAP + w * scale;
        int cellH = GAP + h * scale;
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            int at0 = first + i;
            int x0 = GAP + (at0 % columns) * cell;
            int y0 = GAP + (at0 / columns) * cellH;
            int base = i * c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int at = base + y * w + x;
                    int r = pixels[at] & 0xff;
                    int gr = c == 3 ? pixels[at + plane] & 0xff : r;
                    int b = c == 3 ? pixels[at + 2 * plane] & 0xff : r;
                    int rgb = (r << 16) | (gr << 8) | b;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            grid.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
    }

    /**
     * Returns the columns of a roughly square grid.
     *
     * @param n images in the grid
     * @return {@code ceil(sqrt(n))}
     */
    public static int columnsFor(int n) {
        return (int) Math.ceil(Math.sqrt(n));
    }

    /**
     * Tiles images row by row with a name at the left of each row: a conditional generator's grid,
     * one row per class.
     *
     * @param images {@code (rows · columns, C, H, W)}, row after row, values in [-1, 1]
     * @param columns images per row
     * @param scale pixel magnification
     * @param rowNames one name per row
     * @return the grid with a margin of names on the left
     */
    public static BufferedImage renderRows(NDArray images, int columns, int scale, List<String> rowNames) {
        return nameRows(render(images, columns, scale), (int) images.getShape().get(2), scale, rowNames);
    }

    /**
     * Adds a margin of row names at the left of a drawn grid.
     *
     * @param tiles a grid from {@link #render} or {@link #blank} + {@link #draw}
     * @param imageHeight the height of one image, in its own pixels
     * @param scale the grid's pixel magnification
     * @param rowNames one name per row of the grid
     * @return a new picture: the names, then the grid
     */
    public static BufferedImage nameRows(BufferedImage tiles, int imageHeight, int scale, List<String> rowNames) {
        int cellH = GAP + imageHeight * scale;
        int rows = (tiles.getHeight() - GAP) / cellH;
        if (rowNames.size() != rows) {
            throw new IllegalArgumentException(rowNames.size() + " row names for " + rows + " rows");
        }
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(14, cellH / 3)));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D p = probe.createGraphics();
        FontMetrics metrics = p.getFontMetrics(font);
        int margin = 0;
        for (String name : rowNames) {
            margin = Math.max(margin, metrics.stringWidth(name));
        }
        p.dispose();
        margin += 3 * GAP;
        BufferedImage grid =
                new BufferedImage(margin + tiles.getWidth(), tiles.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.drawImage(tiles, margin, 0, null);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(new Color(230, 230, 230));
        for (int r = 0; r < rows; r++) {
            int baseline = GAP + r * cellH + (cellH - GAP + metrics.getAscent() - metrics.getDescent()) / 2;
            g.drawString(rowNames.get(r), margin - 2 * GAP - metrics.stringWidth(rowNames.get(r)), baseline);
        }
        g.dispose();
        return grid;
    }
}
