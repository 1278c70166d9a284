package manynuts.report;

import java.util.List;

/**
 * How the figures of a page are shown: the width in CSS pixels a run's figure takes (the whole page for one run,
 * a column for two side by side), so each is drawn at that size and its fonts keep their sizes on screen, and the
 * axis ranges the runs share.
 *
 * @param width the width a run's figures are shown at
 * @param axes  the ranges shared by every run on the page
 */
public record FigurePage(int width, SharedAxes axes) {

    /** The page of {@code runs}, one or two. */
    public static FigurePage of(List<ReportedRun> runs) {
        return new FigurePage(runs.size() == 1 ? ChartStyle.FULL_WIDTH : ChartStyle.COLUMN_WIDTH, SharedAxes.of(runs));
    }

    /** The page of one run alone. */
    public static FigurePage of(ReportedRun run) {
        return of(List.of(run));
    }

    /** Panels per row for {@code panels} charts at least {@code narrowest} pixels wide each. */
    public int columns(int panels, int narrowest) {
        return Math.max(1, Math.min(panels, width / narrowest));
    }

    /**
     * The height of a figure {@code width} pixels wide at full size and {@code height} high, when drawn
     * at this page's width: scaled with it, but never below {@code least}.
     */
    public int height(int fullWidth, int fullHeight, int least) {
        int scaled = (int) Math.round((double) fullHeight * Math.min(width, fullWidth) / fullWidth);
        return Math.max(Math.min(least, fullHeight), scaled);
    }
}
