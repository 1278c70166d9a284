package manynuts.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package uses which, read from Java sources: import lines (static ones too) and package-qualified names in
 * the code, comments and string literals left out. Only packages among the scanned sources count.
 */
final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A qualified name: lower-case package segments, then a type. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b([a-z]\\w*(?:\\.[a-z]\\w*)+)\\.[A-Z]\\w*");
    /** Text blocks, strings, character literals, block and line comments, in the order they must be matched. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'|/\\*(?s:.*?)\\*/|//[^\\n]*");

    /** For each package, the packages it uses and, for each, one file that shows it. */
    private final Map<String, Map<String, String>> edges;

    private PackageGraph(Map<String, Map<String, String>> edges) {
        this.edges = edges;
    }

    /** The main sources of the modules with Java code, seen from the tests module's folder. */
    static List<Path> mainSources() {
        return List.of(Path.of("..", "host", "src", "main", "java"), Path.of("..", "models", "src", "main", "java"));
    }

    static PackageGraph scan(List<Path> roots) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IOException("no source folder " + root.toAbsolutePath().normalize());
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    sources.put(root.relativize(file).toString(), read(file));
                }
            }
        }
        return of(sources);
    }

    /** The graph of sources given by name (a file name, used in messages). */
    static PackageGraph of(Map<String, String> sources) {
        Map<String, String> packageOf = new LinkedHashMap<>();
        Map<String, String> code = new LinkedHashMap<>();
        for (Map.Entry<String, String> source : new TreeMap<>(sources).entrySet()) {
            Matcher declared = PACKAGE.matcher(source.getValue());
            if (declared.find()) {
                packageOf.put(source.getKey(), declared.group(1));
                code.put(source.getKey(), NOT_CODE.matcher(source.getValue()).replaceAll(" "));
            }
        }
        Set<String> packages = new TreeSet<>(packageOf.values());
        Map<String, Map<String, String>> edges = new TreeMap<>();
        packages.forEach(name -> edges.put(name, new TreeMap<>()));
        for (Map.Entry<String, String> file : code.entrySet()) {
            String from = packageOf.get(file.getKey());
            Matcher used = QUALIFIED.matcher(file.getValue());
            while (used.find()) {
                String to = enclosingPackage(used.group(1), packages);
                if (to != null && !to.equals(from)) {
                    edges.get(from).putIfAbsent(to, file.getKey());
                }
            }
        }
        return new PackageGraph(edges);
    }

    /** The longest scanned package that {@code name} is or starts with (a nested type's name has a class in it). */
    private static String enclosingPackage(String name, Set<String> packages) {
        String candidate = name;
        while (true) {
            if (packages.contains(candidate)) {
                return candidate;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            candidate = candidate.substring(0, dot);
        }
    }

    Set<String> packages() {
        return edges.keySet();
    }

    Set<String> importsOf(String name) {
        return edges.get(name).keySet();
    }

    /**
     * The circles: every set of two or more packages each of which reaches all the others (Tarjan's strongly
     * connected components), each sorted by name, the list sorted by its first package.
     */
    List<List<String>> circles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> lowest = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        for (String name : edges.keySet()) {
            if (!index.containsKey(name)) {
                connect(name, index, lowest, stack, onStack, components);
            }
        }
        components.sort(Comparator.comparing(component -> component.get(0)));
        return components;
    }

    private void connect(String name, Map<String, Integer> index, Map<String, Integer> lowest, Deque<String> stack,
            Set<String> onStack, List<List<String>> components) {
        index.put(name, index.size());
        lowest.put(name, index.get(name));
        stack.push(name);
        onStack.add(name);
        for (String next : edges.get(name).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, index, lowest, stack, onStack, components);
                lowest.put(name, Math.min(lowest.get(name), lowest.get(next)));
            } else if (onStack.contains(next)) {
                lowest.put(name, Math.min(lowest.get(name), index.get(next)));
            }
        }
        if (lowest.get(name).equals(index.get(name))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(name));
            if (component.size() > 1) {
                component.sort(Comparator.naturalOrder());
                components.add(component);
            }
        }
    }

    /** Each circle with, for every use inside it, one file that makes it. */
    String describe(List<List<String>> circles) {
        StringBuilder text = new StringBuilder();
        for (List<String> circle : circles) {
            text.append("\n  ").append(circle).append(':');
            for (String from : circle) {
                for (Map.Entry<String, String> to : edges.get(from).entrySet()) {
                    if (circle.contains(to.getKey())) {
                        text.append("\n    ").append(from).append(" -> ").append(to.getKey()).append(" (")
                                .append(to.getValue()).append(')');
                    }
                }
            }
        }
        return text.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
