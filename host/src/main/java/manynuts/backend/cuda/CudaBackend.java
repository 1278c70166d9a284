package manynuts.backend.cuda;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import manynuts.backend.Backend;
import manynuts.backend.ChainBlock;
import manynuts.backend.Precision;
import manynuts.backend.TreeBuilding;
import manynuts.models.Model;
import manynuts.models.stan.StanModel;
import manynuts.models.WithKernels;

/**
 * One CUDA device as a place for chains: holds the device's primary context and the loaded kernel modules; each
 * block of chains lives in the device's memory.
 */
public final class CudaBackend implements Backend {
    /**
     * The most chains in one block: all chains of a run share one block (one launch per operation) up to this
     * many, about 1.4 GB of state for eight schools at the default maximum depth.
     */
    static final int MAX_BLOCK_SIZE = 1 << 18;

    /** The modules every block uses besides its model's. */
    static final List<String> COMMON_MODULES = List.of("trajectory", "tree_merges", "split_leapfrog", "gemm");

    private final CudaDevice device;
    /** The device's context, modules and matrix products, which the blocks and evaluators launch through. */
    private final DeviceKernels kernels;
    /** Stan programs' device forms, by model: built, loaded and probed once. */
    private final Map<Model, DeviceModel> generatedModels = new IdentityHashMap<>();
    private volatile TreeBuilding treeBuilding = TreeBuilding.DEVICE;

    private CudaBackend(CudaDevice device, Precision precision, CudaContext context) {
        this.device = device;
        this.kernels = new DeviceKernels(context, precision);
    }

    /**
     * Opens device {@code ordinal} with float64 state and loads the model-independent kernels.
     *
     * @throws IllegalArgumentException with one line saying why when CUDA cannot be used
     */
    public static CudaBackend open(int ordinal) {
        return open(ordinal, Precision.FLOAT64);
    }

    /**
     * Opens device {@code ordinal} with chain state in {@code precision} and loads the model-independent kernels.
     *
     * @throws IllegalArgumentException with one line saying why when CUDA cannot be used
     */
    public static CudaBackend open(int ordinal, Precision precision) {
        CudaProbe.Result probe = CudaProbe.probe();
        if (probe instanceof CudaProbe.Unavailable unavailable) {
            throw new IllegalArgumentException("CUDA is not available: " + unavailable.full());
        }
        List<CudaDevice> devices = ((CudaProbe.Available) probe).devices();
        if (ordinal < 0 || ordinal >= devices.size()) {
            throw new IllegalArgumentException("no CUDA device " + ordinal + ": the driver reports " + devices.size());
        }
        for (String module : COMMON_MODULES) {
            if (!CudaModule.shipped(module)) {
                throw new IllegalArgumentException("CUDA is not available: this build has no PTX for the kernels "
                        + "(it was built without nvcc)");
            }
        }
        CudaBackend backend = new CudaBackend(devices.get(ordinal), precision, CudaContext.retain(ordinal));
        try {
            for (String module : COMMON_MODULES) {
                backend.kernels.module(module, null);
            }
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return backend;
    }

    /**
     * Why {@code model} cannot run on a CUDA device, in words that follow its name, or empty when it has kernels: a
     * hand-written model's are shipped, a Stan program's are generated and built with nvcc when first used.
     */
    public static Optional<String> kernelsMissing(Model model) {
        if (model instanceof StanModel) {
            return GeneratedKernels.compilerMissing().map(reason -> "model " + model.name() + ": " + reason);
        }
        return model instanceof WithKernels ? Optional.empty()
                : Optional.of("model " + model.name() + " has no CUDA kernels");
    }

    /**
     * Builds a Stan program's kernels to PTX (or finds them in the cache); nothing for a hand-written model.
     *
     * @throws IllegalArgumentException in one line naming the program, with the compiler's first error
     */
    public static void buildKernels(Model model) {
        if (model instanceof StanModel stan) {
            GeneratedKernels.of(stan);
        }
    }

    public CudaDevice device() {
        return device;
    }

    /** The floating-point type of the chain state in this backend's blocks. */
    public Precision precision() {
        return kernels.precision();
    }

    @Override
    public String name() {
        String state = precision() == Precision.FLOAT64 ? "" : ", " + precision().label();
        return "cuda:" + device.ordinal() + " (" + device.name() + state + ")";
    }

    @Override
    public void setTreeBuilding(TreeBuilding where) {
        treeBuilding = where;
    }

    /** On the device where set so, but for a model with a design matrix (its density needs matrix products). */
    @Override
    public TreeBuilding treeBuilding(Model model) {
        return treesOnDevice() && (model instanceof StanModel || model.designMatrix().isEmpty()) ? TreeBuilding.DEVICE
                : TreeBuilding.HOST;
    }

    /** Whether its blocks run the chains' sampling iterations on the device ({@link CudaChainBlock#deviceSampling}). */
    boolean treesOnDevice() {
        return treeBuilding == TreeBuilding.DEVICE;
    }

    @Override
    public ChainBlock allocate(Model model, int firstChain, int chains, int maxDepth, long seed) {
        DeviceModel deviceModel = deviceModel(model);
        return new CudaChainBlock(kernels, deviceModel, firstChain, chains, maxDepth, seed, treesOnDevice());
    }

    /** A device evaluator of {@code model}'s log density and gradient for up to {@code chains} chains. */
    public DeviceLogDensity logDensity(Model model, int chains) {
        return new DeviceLogDensity(kernels, deviceModel(model), chains);
    }

    /**
     * The device form of {@code model} with its module loaded; a generated model's tapes sized, once per model for
     * every block and evaluator of this backend.
     */
    private DeviceModel deviceModel(Model model) {
        if (model instanceof StanModel) {
            synchronized (generatedModels) {
                DeviceModel known = generatedModels.get(model);
                if (known == null) {
                    known = loadGenerated(model);
                    generatedModels.put(model, known);
                }
                return known;
            }
        }
        DeviceModel deviceModel = DeviceModel.of(model);
        makeCurrent();
        kernels.module(deviceModel.kernelPrefix(), null);
        return deviceModel;
    }

    private DeviceModel loadGenerated(Model model) {
        DeviceModel deviceModel = DeviceModel.of(model);
        makeCurrent();
        try {
            kernels.module(deviceModel.kernelPrefix(), deviceModel.generated().ptx());
        } catch (CudaFailure e) {
            throw new IllegalArgumentException("program " + model.name() + ": the driver did not load its generated "
                    + "kernels: " + e.getMessage(), e);
        }
        return TapeCapacity.of(kernels, deviceModel);
    }

    /**
     * The matrix products of models whose density is one: cuBLAS when libcublas.so.12 loads and a handle can be
     * created in this context, otherwise the own GEMM kernel. Chosen on first use; the commands say which
     * ({@link manynuts.backend.choice.Backends#sayMatrixProducts}) and run.json records it.
     */
    MatrixProducts matrixProducts() {
        return kernels.matrixProducts();
    }

    @Override
    public Optional<String> matrixProducts(Model model) {
        return model.designMatrix().map(design -> matrixProducts().description());
    }

    /** The chain state lives on the device; the heap holds the unit metric a block starts from, while it uploads. */
    @Override
    public long heapBytesPerChain(Model model, int maxDepth) {
        return (long) model.dimension() * Double.BYTES;
    }

    /**
     * Refuses, naming what fits, chains whose state (and a generated model's scratch, sized by its tape probe) would
     * not fit in the device's free memory.
     */
    @Override
    public void checkCapacity(Model model, int chains, int maxDepth) {
        if (chains <= 0) {
            return;
        }
        int blockSize = preferredBlockSize(chains);
        DeviceModel device = deviceModel(model);
        DeviceFootprint footprint = DeviceFootprint.of(device, maxDepth, precision());
        if (treesOnDevice()) {
            footprint = footprint.withSampling(device);
        }
        makeCurrent();
        long free = DeviceFootprint.free();
        long needed = footprint.bytes(chains, blockSize);
        if (needed > (long) (free * DeviceFootprint.USABLE)) {
            long fit = footprint.chainsThatFit(free, blockSize);
            throw new IllegalArgumentException(chains + " chains of " + model.name() + " need about "
                    + DeviceFootprint.size(needed) + " of memory on " + name() + " ("
                    + DeviceFootprint.size(footprint.perChain()) + " a chain"
                    + (model instanceof StanModel ? " with its generated kernels' scratch" : "") + ") but it has "
                    + DeviceFootprint.size(free) + " free: " + (fit > 0 ? "at most " + fit + " chains fit; lower --chains"
                    : "no chain fits") + (precision() == Precision.FLOAT64 ? ", or use --precision float32" : "")
                    + (maxDepth > 10 ? ", or lower --max-depth" : ""));
        }
    }

    @Override
    public int preferredBlockSize(int totalChains) {
        return Math.min(totalChains, MAX_BLOCK_SIZE);
    }

    void makeCurrent() {
        kernels.makeCurrent();
    }

    @Override
    public void close() {
        kernels.close();
    }
}
