// The model-independent kernels that start trajectories and doublings, set the metric and gather rows for the
// host (ChainBlock.setInverseMetric, beginTrajectory, beginSubtree, readDraw and readFrontier).
#include "tree_steps.cuh"
#include "thread_index.cuh"

// Each kernel twice: over double state (the entry's own name) and over float state (the name with _f32).
#define MANYNUTS_KERNELS_FILE "trajectory_kernels.cuh"
#include "both_precisions.cuh"
