// The priors of the eight schools models, mu ~ N(0, 5) and tau ~ Half-Cauchy(0, 5), as in HierarchicalNormalPriors.
#ifndef MANYNUTS_HIERARCHICAL_NORMAL_PRIORS_CUH
#define MANYNUTS_HIERARCHICAL_NORMAL_PRIORS_CUH

// Written as 1 / (5 * 5) like the Java constants so both round to the same double.
#define MANYNUTS_MU_PRIOR_PRECISION (1.0 / (5.0 * 5.0))
#define MANYNUTS_TAU_PRIOR_PRECISION (1.0 / (5.0 * 5.0))

#endif
