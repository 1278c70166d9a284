package manynuts.diagnostics.summary;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders summaries as an aligned terminal table with {@link SummaryColumns}' columns: names left-aligned, numbers
 * right-aligned, NA for missing.
 */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** The table as text, one line per row after a header line, each ending in a newline. */
    public static String render(List<ParameterSummary> summaries, double hdiProbability, boolean withNestedRhat) {
        List<SummaryColumns.Column> columns = SummaryColumns.of(hdiProbability, withNestedRhat);
        List<String> header = new ArrayList<>(List.of(SummaryColumns.NAME));
        columns.forEach(column -> header.add(column.name()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (ParameterSummary s : summaries) {
            List<String> row = new ArrayList<>(List.of(s.name()));
            columns.forEach(column -> row.add(column.text(s)));
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                String cell = row.get(column);
                String padding = " ".repeat(widths[column] - cell.length());
                if (column == 0) {
                    text.append(cell).append(padding);
                } else {
                    text.append("  ").append(padding).append(cell);
                }
            }
            text.append('\n');
        }
        return text.toString();
    }
}
