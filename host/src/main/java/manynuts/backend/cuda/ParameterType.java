package manynuts.backend.cuda;

/** The C types a kernel takes, each with the PTX parameter type nvcc gives it. */
enum ParameterType {
    INT("int", ".u32"),
    UINT("uint", ".u32"),
    DOUBLE("double", ".f64"),
    POINTER("ptr", ".u64");

    private final String keyword;
    private final String ptx;

    ParameterType(String keyword, String ptx) {
        this.keyword = keyword;
        this.ptx = ptx;
    }

    /** The PTX {@code .param} type of an argument of this type. */
    String ptx() {
        return ptx;
    }

    static ParameterType forKeyword(String keyword) {
        for (ParameterType type : values()) {
            if (type.keyword.equals(keyword)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown parameter type " + keyword);
    }
}
