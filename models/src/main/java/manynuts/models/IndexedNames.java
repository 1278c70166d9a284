package manynuts.models;

import java.util.ArrayList;
import java.util.List;

/** Stan-style names of vector elements, 1-based: {@code theta[1], ..., theta[J]}. */
final class IndexedNames {

    private IndexedNames() {
    }

    static List<String> of(String base, int length) {
        List<String> names = new ArrayList<>(length);
        for (int j = 1; j <= length; j++) {
            names.add(base + "[" + j + "]");
        }
        return names;
    }
}
