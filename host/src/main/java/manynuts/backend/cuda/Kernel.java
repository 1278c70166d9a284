package manynuts.backend.cuda;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every kernel the CUDA backend launches, with its module and its parameter list in the order of the CUDA source:
 * the single place where launch arguments are declared ({@link KernelCall} binds by these names, and a test checks
 * them against the {@code .entry} declarations of the shipped PTX).
 */
enum Kernel {
    SET_INVERSE_METRIC(Family.COMMON, "trajectory", "set_inverse_metric",
            "int chains", "int dimension", "int count", "ptr list", "ptr values", "ptr inverseMetric"),
    BEGIN_TRAJECTORY(Family.COMMON, "trajectory", "begin_trajectory",
            "int chains", "int dimension", "int count", "ptr starts", "uint key0", "uint key1", "int firstChain",
            "ptr inverseMetric", "ptr drawPosition", "ptr drawGradient", "ptr frontierPosition",
            "ptr frontierMomentum", "ptr frontierGradient", "ptr otherPosition", "ptr otherMomentum",
            "ptr otherGradient", "ptr treeMomentumSum", "ptr subtreeMomentumSum", "ptr kinetic"),
    BEGIN_SUBTREE(Family.COMMON, "trajectory", "begin_subtree",
            "int chains", "int dimension", "int count", "ptr subtrees", "ptr frontierPosition",
            "ptr frontierMomentum", "ptr frontierGradient", "ptr otherPosition", "ptr otherMomentum",
            "ptr otherGradient", "ptr subtreeMomentumSum"),
    READ_ROWS(Family.COMMON, "trajectory", "read_rows",
            "int chains", "int dimension", "int count", "ptr list", "ptr source", "ptr out"),
    AFTER_LEAF(Family.COMMON, "tree_merges", "after_leaf",
            "int chains", "int dimension", "int count", "ptr leaves", "ptr inverseMetric", "ptr frontierPosition",
            "ptr frontierMomentum", "ptr frontierGradient", "ptr previousMomentum", "ptr subtreeMomentumSum",
            "ptr checkpointMomentum", "ptr checkpointSumBefore", "ptr checkpointPreviousMomentum",
            "ptr proposalPosition", "ptr proposalGradient", "ptr failedLevel"),
    MERGE_INTO_TREE(Family.COMMON, "tree_merges", "merge_into_tree",
            "int chains", "int dimension", "int count", "ptr merges", "ptr inverseMetric", "ptr otherMomentum",
            "ptr frontierMomentum", "ptr subtreeMomentumSum", "ptr checkpointMomentum", "ptr checkpointSumBefore",
            "ptr checkpointPreviousMomentum", "ptr proposalPosition", "ptr proposalGradient",
            "ptr treeMomentumSum", "ptr drawPosition", "ptr drawGradient", "ptr persist"),
    // The halves of a leapfrog step around a split model's evaluation, and the end of its initialization.
    DRIFT(Family.COMMON, "split_leapfrog", "drift",
            "int chains", "int dimension", "ptr signedStepSize", "ptr inverseMetric", "ptr frontierPosition",
            "ptr frontierMomentum", "ptr frontierGradient", "ptr previousMomentum"),
    KICK(Family.COMMON, "split_leapfrog", "kick",
            "int chains", "int dimension", "ptr signedStepSize", "ptr inverseMetric", "ptr frontierMomentum",
            "ptr frontierGradient", "ptr subtreeMomentumSum", "ptr energies"),
    FINISH_INITIALIZE(Family.COMMON, "split_leapfrog", "finish_initialize",
            "int chains", "int dimension", "int count", "ptr list", "ptr logDensity", "ptr gradient",
            "ptr drawGradient", "ptr results"),
    // Column-major C = alpha A op(B) + beta C, where cuBLAS is not available.
    GEMM(Family.COMMON, "gemm", "gemm",
            "int transposeB", "int m", "int n", "int k", "double alpha", "ptr a", "int lda", "ptr b", "int ldb",
            "double beta", "ptr c", "int ldc"),
    // Per model: the entry is "<model kernel prefix>_<name>" in the module named by the prefix; the model's data
    // (KernelBinding's integers and reals) come last. Fused models evaluate in one thread per chain:
    LOG_DENSITY_GRADIENT(Family.FUSED_MODEL, null, "log_density_gradient",
            "int chains", "ptr position", "ptr logDensity", "ptr gradient", "ptr integers", "ptr reals"),
    INITIALIZE(Family.FUSED_MODEL, null, "initialize",
            "int chains", "int count", "ptr list", "ptr positions", "ptr drawPosition", "ptr drawGradient",
            "ptr results", "ptr integers", "ptr reals"),
    LEAPFROG(Family.FUSED_MODEL, null, "leapfrog",
            "int chains", "ptr signedStepSize", "ptr inverseMetric", "ptr frontierPosition", "ptr frontierMomentum",
            "ptr frontierGradient", "ptr previousMomentum", "ptr subtreeMomentumSum", "ptr energies",
            "ptr integers", "ptr reals"),
    // The device state machine (nuts_sampling.cuh): whole transitions, many steps a launch.
    SAMPLE(Family.FUSED_MODEL, null, "sample",
            "int chains", "int slots", "int budget", "int maxDepth", "int firstChain", "uint key0", "uint key1",
            "ptr inverseMetric", "ptr drawPosition", "ptr drawGradient", "ptr frontierPosition",
            "ptr frontierMomentum", "ptr frontierGradient", "ptr previousMomentum", "ptr otherPosition",
            "ptr otherMomentum", "ptr otherGradient", "ptr treeMomentumSum", "ptr subtreeMomentumSum",
            "ptr proposalPosition", "ptr proposalGradient", "ptr checkpointMomentum", "ptr checkpointSumBefore",
            "ptr checkpointPreviousMomentum", "ptr counters", "ptr scalars", "ptr starts", "ptr startScalars",
            "ptr draws", "ptr drawCounts", "ptr warpSteps", "ptr integers", "ptr reals"),
    // A Stan program's generated kernels: as the fused ones, with each chain's scratch (workspace, tapes) last.
    GENERATED_LOG_DENSITY_GRADIENT(LOG_DENSITY_GRADIENT),
    GENERATED_INITIALIZE(INITIALIZE),
    GENERATED_LEAPFROG(LEAPFROG),
    GENERATED_SAMPLE(SAMPLE),
    // The rest of the leapfrog steps whose evaluation stopped on a full tape, once the tapes have grown.
    GENERATED_FINISH_LEAPFROG(Family.GENERATED_MODEL, null, "finish_leapfrog",
            "int chains", "ptr signedStepSize", "ptr inverseMetric", "ptr frontierPosition", "ptr frontierMomentum",
            "ptr frontierGradient", "ptr subtreeMomentumSum", "ptr energies", "ptr integers", "ptr reals",
            "ptr scratch"),
    // Split models (a design matrix) evaluate as GEMM, this kernel (linear predictors in, residuals out), GEMM:
    LIKELIHOOD(Family.SPLIT_MODEL, null, "likelihood",
            "int chains", "ptr position", "ptr linear", "ptr logDensity", "ptr gradient", "ptr integers",
            "ptr reals");

    /** Who has the kernel: one module for everyone, or every model module of one kind. */
    enum Family {
        COMMON, FUSED_MODEL, SPLIT_MODEL, GENERATED_MODEL
    }

    private final Family family;
    private final String module;
    private final String name;
    private final List<KernelParameter> parameters;

    Kernel(Family family, String module, String name, String... parameters) {
        this.family = family;
        this.module = module;
        this.name = name;
        this.parameters = Arrays.stream(parameters).map(KernelParameter::parse).toList();
    }

    /** A generated program's form of a fused model's kernel: its parameters, then the chains' scratch. */
    Kernel(Kernel fused) {
        this.family = Family.GENERATED_MODEL;
        this.module = null;
        this.name = fused.name;
        this.parameters = Stream.concat(fused.parameters.stream(),
                Stream.of(KernelParameter.parse("ptr scratch"))).toList();
    }

    Family family() {
        return family;
    }

    private boolean perModel() {
        return family != Family.COMMON;
    }

    /** The PTX module holding the kernel; {@code modelPrefix} is ignored for model-independent kernels. */
    String module(String modelPrefix) {
        return perModel() ? modelPrefix : module;
    }

    /** The extern "C" entry name. */
    String entry(String modelPrefix) {
        return perModel() ? modelPrefix + "_" + name : name;
    }

    List<KernelParameter> parameters() {
        return parameters;
    }
}
