package manynuts.models;

/**
 * The shape of a model whose log density is driven by a matrix product X beta: the predictors X ({@code rows} x
 * {@code columns}, row-major) open the reals of the model's {@link KernelBinding}, and its first {@code columns}
 * coordinates are the coefficients beta. A device backend multiplies X by the coefficients of all chains at once.
 *
 * @param rows    observations
 * @param columns predictors
 */
public record DesignMatrix(int rows, int columns) {
}
