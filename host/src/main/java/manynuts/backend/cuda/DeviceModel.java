package manynuts.backend.cuda;

import java.util.List;
import manynuts.models.EightSchoolsCentered;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;

/**
 * A model as the kernels know it: the prefix of its kernels (and name of its PTX module) and its data.
 *
 * @param kernelPrefix e.g. {@code eight_schools_centered}
 */
record DeviceModel(String kernelPrefix, int dimension, HierarchicalNormalData data) {

    /** The prefixes of every model with kernels. */
    static final List<String> KERNEL_PREFIXES = List.of("eight_schools_centered", "eight_schools_noncentered");

    /** The device form of a model, or an exception naming the model when it has no kernels. */
    static DeviceModel of(Model model) {
        if (model instanceof EightSchoolsCentered centered) {
            return new DeviceModel("eight_schools_centered", model.dimension(), centered.data());
        }
        if (model instanceof EightSchoolsNonCentered nonCentered) {
            return new DeviceModel("eight_schools_noncentered", model.dimension(), nonCentered.data());
        }
        throw new IllegalArgumentException("model " + model.name() + " has no CUDA kernels; use --backend cpu");
    }
}
