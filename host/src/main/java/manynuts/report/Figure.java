package manynuts.report;

/**
 * One figure of a report.
 *
 * @param file    its PNG file's name when figures are also written as files ({@code --figures}); without the
 *                extension, its anchor on the page
 * @param title   a heading for the figure, and its text for readers that do not see it
 * @param caption what to look for in it
 * @param markup  the inline {@code <svg>} or {@code <img>} (PNG data URI) the page shows
 */
public record Figure(String file, String title, String caption, String markup) {

    /** The anchor on the page: the file name without {@code .png}. */
    public String anchor() {
        return file.replaceFirst("\\.png$", "");
    }
}
