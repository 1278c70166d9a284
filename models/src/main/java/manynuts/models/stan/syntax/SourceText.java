package manynuts.models.stan.syntax;

/**
 * A Stan program's text and the name it is reported under (its path), which formats errors the way compilers do:
 * {@code FILE:LINE:COLUMN: what is wrong}, then the line and a caret under the column.
 */
public record SourceText(String name, String text) {

    /** The error line, the source line and the caret, separated by newlines. */
    public String format(SourcePos pos, String message) {
        String[] lines = text.split("\\R", -1);
        StringBuilder out = new StringBuilder(name).append(':').append(pos.line()).append(':').append(pos.column())
                .append(": ").append(message);
        if (pos.line() >= 1 && pos.line() <= lines.length) {
            String line = lines[pos.line() - 1].replace('\t', ' ');
            out.append('\n').append("  ").append(line).append('\n').append("  ")
                    .append(" ".repeat(Math.max(0, Math.min(pos.column() - 1, line.length())))).append('^');
        }
        return out.toString();
    }
}
