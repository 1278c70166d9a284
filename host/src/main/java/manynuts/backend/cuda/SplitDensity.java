package manynuts.backend.cuda;

/**
 * The batched evaluation of a model whose density is a matrix product, bound to one position buffer and its outputs:
 * GEMM #1 gives every chain's linear predictors, the model's likelihood kernel turns them into residuals and writes
 * the log density and every gradient row but the coefficients' sum, GEMM #2 adds X^T r to the coefficient rows.
 *
 * <p>Shapes in the dimension-major layout ({@code [d * chains + c]}), column-major as cuBLAS sees them, X being
 * {@code n x p} row-major (the model's reals): the coefficient rows are a {@code chains x p} matrix with leading
 * dimension {@code chains}, X is a {@code p x n} matrix with leading dimension {@code p}, and the linear predictors
 * ({@code [i * chains + c]}) a {@code chains x n} matrix with leading dimension {@code chains}. So GEMM #1 is
 * eta (chains x n) = beta (chains x p) X^T (p x n), and GEMM #2 is grad (chains x p) = r (chains x n) X (n x p)
 * + grad, with X as the transpose of the p x n matrix.
 */
final class SplitDensity {
    private final MatrixProducts.Product linearPredictors;
    private final KernelCall likelihood;
    private final MatrixProducts.Product coefficientGradient;
    private final int chains;

    /**
     * @param linear scratch of {@code observations x chains} elements of the state's precision for the linear
     *               predictors and residuals; {@code position} and {@code gradient} are in that precision too
     */
    SplitDensity(DeviceKernels kernels, DeviceModel model, DeviceModelData data, int chains, DeviceBuffer position,
                 DeviceBuffer logDensity, DeviceBuffer gradient, DeviceBuffer linear) {
        this.chains = chains;
        int n = model.design().rows();
        int p = model.design().columns();
        MatrixProducts products = kernels.matrixProducts();
        DeviceBuffer x = data.designMatrix();
        linearPredictors = products.bind(false, chains, n, p, position, chains, x, p, 0.0, linear, chains);
        likelihood = data.bind(kernels.call(Kernel.LIKELIHOOD, model.kernelPrefix()))
                .integer("chains", chains).pointer("position", position).pointer("linear", linear)
                .pointer("logDensity", logDensity).pointer("gradient", gradient);
        coefficientGradient = products.bind(true, chains, p, n, linear, chains, x, p, 1.0, gradient, chains);
    }

    /** Queues the three launches: every chain is evaluated, idle or not. */
    void launch(CudaStream stream) {
        linearPredictors.launch(stream);
        likelihood.launch(stream, chains);
        coefficientGradient.launch(stream);
    }
}
