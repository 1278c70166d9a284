package manynuts.backend.cuda;

import java.util.Arrays;
import java.util.List;

/**
 * Every kernel the CUDA backend launches, with its module and its parameter list in the order of the CUDA source:
 * the single place where launch arguments are declared ({@link KernelCall} binds by these names, and a test checks
 * them against the {@code .entry} declarations of the shipped PTX).
 */
enum Kernel {
    SET_INVERSE_METRIC(false, "trajectory", "set_inverse_metric",
            "int chains", "int dimension", "int count", "ptr list", "ptr values", "ptr inverseMetric"),
    BEGIN_TRAJECTORY(false, "trajectory", "begin_trajectory",
            "int chains", "int dimension", "int count", "ptr starts", "uint key0", "uint key1", "int firstChain",
            "ptr inverseMetric", "ptr drawPosition", "ptr drawGradient", "ptr frontierPosition",
            "ptr frontierMomentum", "ptr frontierGradient", "ptr otherPosition", "ptr otherMomentum",
            "ptr otherGradient", "ptr treeMomentumSum", "ptr subtreeMomentumSum", "ptr kinetic"),
    BEGIN_SUBTREE(false, "trajectory", "begin_subtree",
            "int chains", "int dimension", "int count", "ptr subtrees", "ptr frontierPosition",
            "ptr frontierMomentum", "ptr frontierGradient", "ptr otherPosition", "ptr otherMomentum",
            "ptr otherGradient", "ptr subtreeMomentumSum"),
    READ_ROWS(false, "trajectory", "read_rows",
            "int chains", "int dimension", "int count", "ptr list", "ptr source", "ptr out"),
    AFTER_LEAF(false, "tree_merges", "after_leaf",
            "int chains", "int dimension", "int count", "ptr leaves", "ptr inverseMetric", "ptr frontierPosition",
            "ptr frontierMomentum", "ptr frontierGradient", "ptr previousMomentum", "ptr subtreeMomentumSum",
            "ptr checkpointMomentum", "ptr checkpointSumBefore", "ptr checkpointPreviousMomentum",
            "ptr proposalPosition", "ptr proposalGradient", "ptr failedLevel"),
    MERGE_INTO_TREE(false, "tree_merges", "merge_into_tree",
            "int chains", "int dimension", "int count", "ptr merges", "ptr inverseMetric", "ptr otherMomentum",
            "ptr frontierMomentum", "ptr subtreeMomentumSum", "ptr checkpointMomentum", "ptr checkpointSumBefore",
            "ptr checkpointPreviousMomentum", "ptr proposalPosition", "ptr proposalGradient",
            "ptr treeMomentumSum", "ptr drawPosition", "ptr drawGradient", "ptr persist"),
    // Per model: the entry is "<model kernel prefix>_<name>" in the module named by the prefix; the model's data
    // (KernelBinding's integers and reals) come last.
    LOG_DENSITY_GRADIENT(true, null, "log_density_gradient",
            "int chains", "ptr position", "ptr logDensity", "ptr gradient", "ptr integers", "ptr reals"),
    INITIALIZE(true, null, "initialize",
            "int chains", "int count", "ptr list", "ptr positions", "ptr drawPosition", "ptr drawGradient",
            "ptr results", "ptr integers", "ptr reals"),
    LEAPFROG(true, null, "leapfrog",
            "int chains", "ptr signedStepSize", "ptr inverseMetric", "ptr frontierPosition", "ptr frontierMomentum",
            "ptr frontierGradient", "ptr previousMomentum", "ptr subtreeMomentumSum", "ptr energies",
            "ptr integers", "ptr reals");

    private final boolean perModel;
    private final String module;
    private final String name;
    private final List<KernelParameter> parameters;

    Kernel(boolean perModel, String module, String name, String... parameters) {
        this.perModel = perModel;
        this.module = module;
        this.name = name;
        this.parameters = Arrays.stream(parameters).map(KernelParameter::parse).toList();
    }

    boolean perModel() {
        return perModel;
    }

    /** The PTX module holding the kernel; {@code modelPrefix} is ignored for model-independent kernels. */
    String module(String modelPrefix) {
        return perModel ? modelPrefix : module;
    }

    /** The extern "C" entry name. */
    String entry(String modelPrefix) {
        return perModel ? modelPrefix + "_" + name : name;
    }

    List<KernelParameter> parameters() {
        return parameters;
    }
}
