// The model-independent kernels that merge subtrees and trees with the generalised U-turn criterion and Stan's
// two extra checks across the merged halves (ChainBlock.afterLeaf and mergeIntoTree).
#include "thread_index.cuh"

// Each kernel twice: over double state (the entry's own name) and over float state (the name with _f32).

namespace manynuts_float64 {
using Real = double;
#define MANYNUTS_ENTRY(name) name
#include "tree_merges_kernels.cuh"
#undef MANYNUTS_ENTRY
}  // namespace manynuts_float64

namespace manynuts_float32 {
using Real = float;
#define MANYNUTS_ENTRY(name) name##_f32
#include "tree_merges_kernels.cuh"
#undef MANYNUTS_ENTRY
}  // namespace manynuts_float32
