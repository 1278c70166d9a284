// The model-independent kernels that merge subtrees and trees with the generalised U-turn criterion and Stan's
// two extra checks across the merged halves (ChainBlock.afterLeaf and mergeIntoTree).
#include "thread_index.cuh"
#include "tree_steps.cuh"

// Each kernel twice: over double state (the entry's own name) and over float state (the name with _f32).
#define MANYNUTS_KERNELS_FILE "tree_merges_kernels.cuh"
#include "both_precisions.cuh"
