// What both eight schools parameterisations share on the device: the priors mu ~ N(0, 5) and tau ~ Half-Cauchy(0, 5),
// as in HierarchicalNormalPriors, and the data and coordinates of HierarchicalNormalModel.
#ifndef MANYNUTS_HIERARCHICAL_NORMAL_PRIORS_CUH
#define MANYNUTS_HIERARCHICAL_NORMAL_PRIORS_CUH

// Written as 1 / (5 * 5) like the Java constants so both round to the same double.
#define MANYNUTS_MU_PRIOR_PRECISION (1.0 / (5.0 * 5.0))
#define MANYNUTS_TAU_PRIOR_PRECISION (1.0 / (5.0 * 5.0))

// The kernel data of HierarchicalNormalModel.kernelBinding: integers {J}, reals y[0..J) then sigma[0..J); the
// coordinates are mu, tau_log and one per group.
struct HierarchicalNormalData {
    int J;
    const double* y;
    const double* sigma;

    __host__ __device__ HierarchicalNormalData(const int* integers, const double* reals)
            : J(integers[0]), y(reals), sigma(reals + integers[0]) {}

    __host__ __device__ int dimension() const { return J + 2; }
};

#endif
