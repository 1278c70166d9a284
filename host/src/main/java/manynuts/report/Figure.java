package manynuts.report;

/**
 * One image of a report.
 *
 * @param file    the PNG's file name, relative to the report
 * @param title   a heading for the image
 * @param caption what to look for in it
 */
public record Figure(String file, String title, String caption) {
}
