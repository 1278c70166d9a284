// The model-independent kernels that start trajectories and doublings, set the metric and gather rows for the
// host (ChainBlock.setInverseMetric, beginTrajectory, beginSubtree, readDraw and readFrontier).
#include "philox.cuh"
#include "thread_index.cuh"

// Each kernel twice: over double state (the entry's own name) and over float state (the name with _f32).

namespace manynuts_float64 {
using Real = double;
#define MANYNUTS_ENTRY(name) name
#include "trajectory_kernels.cuh"
#undef MANYNUTS_ENTRY
}  // namespace manynuts_float64

namespace manynuts_float32 {
using Real = float;
#define MANYNUTS_ENTRY(name) name##_f32
#include "trajectory_kernels.cuh"
#undef MANYNUTS_ENTRY
}  // namespace manynuts_float32
