// The device entry point of the hierarchical logistic regression: the likelihood kernel between its two matrix
// products, in both precisions.
#include "hierarchical_logistic.cuh"
#include "split_model_kernels.cuh"

MANYNUTS_SPLIT_MODEL_KERNELS(hierarchical_logistic, HierarchicalLogistic)
