package manynuts.backend.cuda;

/** One parameter of a kernel, named as in the CUDA source. */
record KernelParameter(String name, ParameterType type) {

    /** Parses {@code "<type> <name>"}, e.g. {@code "ptr inverseMetric"}. */
    static KernelParameter parse(String declaration) {
        String[] parts = declaration.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a parameter declaration: " + declaration);
        }
        return new KernelParameter(parts[1], ParameterType.forKeyword(parts[0]));
    }
}
