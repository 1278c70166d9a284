package manynuts.models.stan;

import java.util.ArrayList;
import java.util.List;

/** Names of a container's elements as Stan writes them: {@code name[i,j]}, the first index changing fastest. */
final class IndexNames {
    private IndexNames() {
    }

    static List<String> columnMajor(String name, int[] dims) {
        List<String> names = new ArrayList<>();
        if (dims.length == 0) {
            names.add(name);
            return names;
        }
        int total = 1;
        for (int d : dims) {
            total *= d;
        }
        int[] index = new int[dims.length];
        for (int n = 0; n < total; n++) {
            StringBuilder s = new StringBuilder(name).append('[');
            for (int k = 0; k < dims.length; k++) {
                s.append(k == 0 ? "" : ",").append(index[k] + 1);
            }
            names.add(s.append(']').toString());
            for (int k = 0; k < dims.length; k++) {
                if (++index[k] < dims[k]) {
                    break;
                }
                index[k] = 0;
            }
        }
        return names;
    }
}
