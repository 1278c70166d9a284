// The NUTS state machine on the device: each thread runs one chain's trees, leaf after leaf and draw
// after draw, for many leapfrog steps per launch, with no host round trip inside a tree. It is the Java
// TreeStateMachine and the end of a tree (manynuts.nuts) for one chain, step by step
// in the same operations and the same order (tree_steps.cuh and leapfrog_halves.cuh are shared with the kernels the
// host drives one step at a time), so a chain's draws are the same on either path.
//
// Per-chain state stays on the device between launches, so a chain stops anywhere in its tree and goes on at the
// next launch: the block's vectors, and two tables, [field * chains + c]:
//   counters (int):  the fields NUTS_* below;
//   scalars (double): NUTS_STEP_SIZE ... NUTS_PROPOSAL_KINETIC.
// A chain runs until its iteration reaches its own stop iteration, then parks (NUTS_DONE). The host hands chains
// over at draw boundaries through two tables read at the start of each launch, [row * chains + c]:
//   starts (int):    the iteration to start (-1: no hand-over), the stop iteration, 1 to begin with a step-size
//                    search;
//   startScalars (double): the step size, the draw's log density.
// Only a parked chain takes a hand-over: a warm-up chain runs one draw at a time, parks, and comes back with the
// step size the host's adaptation gave it; a chain past warm-up runs to its last iteration. A warm-up iteration may
// begin with Stan's step-size search (init_stepsize, WarmupAdaptation.afterSearchStep): one leapfrog step from the
// draw per trial, doubling or halving the step size until the acceptance crosses 0.8; the tree then runs with the
// step size found, which the draw reports.
// Each launch writes up to `slots` draws per chain, slot k of a chain's draws this launch at
//   draws (double): [(k * (2 * dimension + NUTS_DRAW_REALS) + field) * chains + c]: the position, the divergent
//                   step's end (written only for a divergent tree), then NUTS_DRAW_LOG_DENSITY ... ;
//   drawCounts (int): three rows for the launch, [row * chains + c] (NUTS_LAUNCH_*: the chain's phase at the end
//                   of the launch, its draws and its leapfrog steps in it), then the draws' counters at
//                   [(NUTS_LAUNCH_ROWS + k * NUTS_DRAW_COUNTS + field) * chains + c].
// The host alternates two sets of output tables, reading one while the next launch writes the other.
#ifndef MANYNUTS_NUTS_SAMPLING_CUH
#define MANYNUTS_NUTS_SAMPLING_CUH

#include "leapfrog_halves.cuh"
#include "philox.cuh"
#include "strict_exp.cuh"
#include "thread_index.cuh"
#include "tree_steps.cuh"

// What a chain does next (counter NUTS_PHASE).
#define NUTS_START 0   // start the tree of its iteration at its draw
#define NUTS_STEP 1    // take the next leapfrog step of its tree
#define NUTS_FINISH 2  // its evaluation stopped (a full tape, or fatal_error): evaluate again and kick, then the leaf
#define NUTS_DONE 3    // every iteration made

// Counters.
#define NUTS_PHASE 0
#define NUTS_ITERATION 1
#define NUTS_DEPTH 2
#define NUTS_LEAF 3
#define NUTS_FORWARD 4
#define NUTS_LEAPFROG_STEPS 5
#define NUTS_TREE_KEY_LOW 6
#define NUTS_TREE_KEY_HIGH 7
#define NUTS_STOP_ITERATION 8
#define NUTS_SEARCH_TRIAL 9       // the step-size search's trial under way; -1 outside a search
#define NUTS_SEARCH_DIRECTION 10  // +1 while the search doubles the step size, -1 while it halves it
#define NUTS_COUNTERS 11

// Scalars.
#define NUTS_STEP_SIZE 0
#define NUTS_INITIAL_ENERGY 1
#define NUTS_TREE_LOG_WEIGHT 2
#define NUTS_SUBTREE_LOG_WEIGHT 3
#define NUTS_SUM_METROPOLIS 4
#define NUTS_DRAW_LOG_DENSITY 5
#define NUTS_DRAW_KINETIC 6
#define NUTS_PROPOSAL_LOG_DENSITY 7
#define NUTS_PROPOSAL_KINETIC 8
#define NUTS_SCALARS 9

// A draw's scalars after its two vectors, and its counters.
#define NUTS_DRAW_LOG_DENSITY_FIELD 0
#define NUTS_DRAW_SUM_METROPOLIS 1
#define NUTS_DRAW_KINETIC_FIELD 2
#define NUTS_DRAW_ENERGY_ERROR 3
#define NUTS_DRAW_STEP_SIZE 4
#define NUTS_DRAW_REALS 5
#define NUTS_DRAW_ITERATION 0
#define NUTS_DRAW_DEPTH 1
#define NUTS_DRAW_LEAPFROG_STEPS 2
#define NUTS_DRAW_ENDING 3
#define NUTS_DRAW_COUNTS 4
#define NUTS_LAUNCH_PHASE 0
#define NUTS_LAUNCH_EMITTED 1
#define NUTS_LAUNCH_STEPS 2
#define NUTS_LAUNCH_ROWS 3
#define NUTS_START_ITERATION 0
#define NUTS_START_STOP 1
#define NUTS_START_SEARCH 2
#define NUTS_START_STEP_SIZE 0
#define NUTS_START_DRAW_LOG_DENSITY 1

// How a tree ended (draw counter NUTS_DRAW_ENDING): a U-turn writes its level (TreeOutcome.UTurn), 1 or more.
#define NUTS_CONTINUES (-2)
#define NUTS_ENDED_DIVERGENT (-1)
#define NUTS_ENDED_MAX_DEPTH 0
// A step-size search that left (0, 1e7]: no tree; the draw's step size says which way.
#define NUTS_SEARCH_FAILED (-3)

// Stan's init_stepsize: log 0.8, the acceptance a trial compares with, and the step size past which it gives up.
#define NUTS_LOG_SEARCH_TARGET (-0x1.c8ff7c79a9a2p-3)  // StrictMath.log(0.8) in Java, to the bit
#define NUTS_LARGEST_STEP_SIZE 1e7

// Stan's divergence threshold on H - H0 (TreeStateMachine.MAX_ENERGY_ERROR).
#define NUTS_MAX_ENERGY_ERROR 1000.0

// The block's vectors, as CudaChainBlock allocates them.
template <typename Real>
struct NutsVectors {
    const Real* inverseMetric;
    Real* drawPosition;
    Real* drawGradient;
    Real* frontierPosition;
    Real* frontierMomentum;
    Real* frontierGradient;
    Real* previousMomentum;
    Real* otherPosition;
    Real* otherMomentum;
    Real* otherGradient;
    Real* treeMomentumSum;
    Real* subtreeMomentumSum;
    Real* proposalPosition;
    Real* proposalGradient;
    Real* checkpointMomentum;
    Real* checkpointSumBefore;
    Real* checkpointPreviousMomentum;
};

// The launch's settings and its output tables.
struct NutsLaunch {
    int slots;          // draws per chain this launch, at most
    int budget;         // leapfrog steps per chain this launch, at most
    int maxDepth;
    int firstChain;     // the block's first chain number: random streams are keyed by chain number
    unsigned int key0;  // the seed's words
    unsigned int key1;
    int* counters;
    double* scalars;
    const int* starts;          // chains handed over this launch
    const double* startScalars;
    double* draws;
    int* drawCounts;
    int* warpSteps;     // per warp of 32 chains: [w] the lanes' leapfrog steps, [warps + w] the most any lane took
};

// log(exp(a) + exp(b)), exact at a = b = -infinity: TreeStateMachine.logSumExp.
__device__ inline double nuts_log_sum_exp(double a, double b) {
    double largest = fmax(a, b);
    if (largest == -INFINITY) {
        return largest;
    }
    return largest + log(1.0 + exp(fmin(a, b) - largest));
}

// Chain c's draw in slot `slot` of the launch's tables: its first real and its first counter, fields `chains` apart.
__device__ inline double* nuts_draw_reals(const NutsLaunch& run, long long chains, long long c, long long drawWidth,
                                          int slot) {
    return run.draws + (long long) slot * drawWidth * chains + c;
}

__device__ inline int* nuts_draw_counts(const NutsLaunch& run, long long chains, long long c, int slot) {
    return run.drawCounts + (NUTS_LAUNCH_ROWS + (long long) slot * NUTS_DRAW_COUNTS) * chains + c;
}

// One chain's walk through the states of TreeStateMachine: start trajectory, leapfrog, leaf, merges and U-turn
// checks, end of tree (the draw goes to its slot), until its slots are full, its step budget is spent, it is done,
// or its evaluation stopped (a full tape: the host grows the tapes and launches again; fatal_error: the run stops).
template <class Model, typename Real>
__device__ void nuts_sample(const Model& model, long long chains, const NutsVectors<Real>& v, const NutsLaunch& run) {
    long long c = thread_index();
    if (c >= chains) {
        return;
    }
    int dimension = model.dimension();
    int* counter = run.counters + c;
    double* scalar = run.scalars + c;
    // The chain's state in registers for the launch; written back at its end.
    int phase = counter[NUTS_PHASE * chains];
    int iteration = counter[NUTS_ITERATION * chains];
    int depth = counter[NUTS_DEPTH * chains];
    int leaf = counter[NUTS_LEAF * chains];
    bool forward = counter[NUTS_FORWARD * chains] != 0;
    int leapfrogSteps = counter[NUTS_LEAPFROG_STEPS * chains];
    unsigned long long treeKey = (unsigned long long) (unsigned int) counter[NUTS_TREE_KEY_LOW * chains]
            | ((unsigned long long) (unsigned int) counter[NUTS_TREE_KEY_HIGH * chains] << 32);
    double stepSize = scalar[NUTS_STEP_SIZE * chains];
    double initialEnergy = scalar[NUTS_INITIAL_ENERGY * chains];
    double treeLogWeight = scalar[NUTS_TREE_LOG_WEIGHT * chains];
    double subtreeLogWeight = scalar[NUTS_SUBTREE_LOG_WEIGHT * chains];
    double sumMetropolis = scalar[NUTS_SUM_METROPOLIS * chains];
    double drawLogDensity = scalar[NUTS_DRAW_LOG_DENSITY * chains];
    double drawKinetic = scalar[NUTS_DRAW_KINETIC * chains];
    double proposalLogDensity = scalar[NUTS_PROPOSAL_LOG_DENSITY * chains];
    double proposalKinetic = scalar[NUTS_PROPOSAL_KINETIC * chains];
    int stop = counter[NUTS_STOP_ITERATION * chains];
    int searchTrial = counter[NUTS_SEARCH_TRIAL * chains];
    int searchDirection = counter[NUTS_SEARCH_DIRECTION * chains];
    int handedOver = run.starts[NUTS_START_ITERATION * chains + c];
    if (handedOver >= 0 && phase == NUTS_DONE) {
        phase = NUTS_START;
        iteration = handedOver;
        stop = run.starts[NUTS_START_STOP * chains + c];
        searchTrial = run.starts[NUTS_START_SEARCH * chains + c] != 0 ? 0 : -1;
        stepSize = run.startScalars[NUTS_START_STEP_SIZE * chains + c];
        drawLogDensity = run.startScalars[NUTS_START_DRAW_LOG_DENSITY * chains + c];
    }
    int emitted = 0;
    int steps = 0;
    long long drawWidth = 2LL * dimension + NUTS_DRAW_REALS;
    while (phase != NUTS_DONE) {
        if (phase == NUTS_START) {
            if (iteration >= stop) {
                phase = NUTS_DONE;
                break;
            }
            if (emitted == run.slots) {
                break;
            }
            unsigned long long event;
            if (searchTrial >= 0) {
                // A search trial: a fresh momentum at the draw, then one step forward (TreeStateMachine.startSearch).
                event = step_size_search_event((unsigned long long) iteration, searchTrial);
                forward = true;
            } else {
                // Start trajectory (TreeStateMachine.startTree, then startTrajectories).
                depth = 0;
                sumMetropolis = 0.0;
                leapfrogSteps = 0;
                treeLogWeight = 0.0;
                treeKey = tree_key((unsigned long long) iteration, (unsigned int) (run.firstChain + c), run.key0,
                                   run.key1);
                leaf = 0;
                forward = leaf_uniform(treeKey, depth, MANYNUTS_LEAF_DIRECTION) > 0.5;
                event = momentum_event((unsigned long long) iteration);
            }
            double kinetic = (double) begin_trajectory_of(
                    c, chains, dimension, event, (unsigned int) (run.firstChain + c), run.key0, run.key1,
                    v.inverseMetric, v.drawPosition, v.drawGradient, v.frontierPosition, v.frontierMomentum,
                    v.frontierGradient, v.otherPosition, v.otherMomentum, v.otherGradient, v.treeMomentumSum,
                    v.subtreeMomentumSum);
            initialEnergy = -drawLogDensity + kinetic;
            if (searchTrial < 0) {
                drawKinetic = kinetic;
            }
            phase = NUTS_STEP;
        }
        if (steps == run.budget) {
            break;
        }
        // Leapfrog: one step of the frontier, its sign the doubling's direction.
        Real signedStep = (Real) (forward ? stepSize : -stepSize);
        if (phase == NUTS_STEP) {
            leapfrog_drift(dimension, chains, c, signedStep, v.inverseMetric, v.frontierPosition, v.frontierMomentum,
                           v.frontierGradient, v.previousMomentum);
        }
        Real stepLogDensity;
        Real stepKinetic;
        if (!evaluate_and_kick(model, chains, c, signedStep, v.inverseMetric, v.frontierPosition, v.frontierMomentum,
                               v.frontierGradient, v.subtreeMomentumSum, stepLogDensity, stepKinetic)) {
            phase = NUTS_FINISH;
            break;
        }
        double logDensity = (double) stepLogDensity;
        double kinetic = (double) stepKinetic;
        steps++;
        phase = NUTS_STEP;
        if (searchTrial >= 0) {
            // The trial's acceptance against 0.8 (WarmupAdaptation.afterSearchStep): the first picks the direction.
            double trialEnergy = -logDensity + kinetic;
            double deltaEnergy = initialEnergy - (isnan(trialEnergy) ? INFINITY : trialEnergy);
            phase = NUTS_START;
            if (searchTrial == 0) {
                searchDirection = deltaEnergy > NUTS_LOG_SEARCH_TARGET ? 1 : -1;
            } else {
                bool crossed = searchDirection == 1 ? !(deltaEnergy > NUTS_LOG_SEARCH_TARGET)
                                                    : !(deltaEnergy < NUTS_LOG_SEARCH_TARGET);
                if (crossed) {
                    searchTrial = -1;
                    continue;
                }
                stepSize *= searchDirection == 1 ? 2.0 : 0.5;
                if (stepSize > NUTS_LARGEST_STEP_SIZE || stepSize == 0) {
                    // No tree: the draw reports the failure, and the chain stops.
                    double* out = nuts_draw_reals(run, chains, c, drawWidth, emitted);
                    int* outCounts = nuts_draw_counts(run, chains, c, emitted);
                    out[(2LL * dimension + NUTS_DRAW_STEP_SIZE) * chains] = stepSize;
                    outCounts[NUTS_DRAW_ITERATION * chains] = iteration;
                    outCounts[NUTS_DRAW_ENDING * chains] = NUTS_SEARCH_FAILED;
                    emitted++;
                    searchTrial = -1;
                    phase = NUTS_DONE;
                    break;
                }
            }
            searchTrial++;
            continue;
        }

        // Leaf (TreeStateMachine.afterLeaf): the weight, the divergence check, progressive multinomial sampling.
        double energy = -logDensity + kinetic;
        if (isnan(energy)) {
            energy = INFINITY;
        }
        leapfrogSteps++;
        double logWeight = initialEnergy - energy;
        sumMetropolis += logWeight > 0 ? 1.0 : strict_exp(logWeight);
        int ending = NUTS_CONTINUES;
        double energyError = 0.0;
        if (energy - initialEnergy > NUTS_MAX_ENERGY_ERROR) {
            ending = NUTS_ENDED_DIVERGENT;
            energyError = energy - initialEnergy;
        } else {
            bool take;
            if (leaf == 0) {
                subtreeLogWeight = logWeight;
                take = true;
            } else {
                double before = subtreeLogWeight;
                double share;
                if (logWeight >= before) {
                    double ratio = exp(before - logWeight);
                    subtreeLogWeight = logWeight + log(1.0 + ratio);
                    share = 1.0 / (1.0 + ratio);
                } else {
                    double ratio = exp(logWeight - before);
                    subtreeLogWeight = before + log(1.0 + ratio);
                    share = ratio / (1.0 + ratio);
                }
                take = leaf_uniform(treeKey, depth, leaf) < share;
            }
            if (take) {
                proposalLogDensity = logDensity;
                proposalKinetic = kinetic;
            }
            // Merges and U-turn checks inside the doubling (TreeStateMachine.checkSubtrees).
            int levels = __ffs(~leaf) - 1;
            int popcount = __popc(leaf);
            int failedLevel = after_leaf_of(c, chains, dimension, levels, popcount, take, v.inverseMetric,
                                            v.frontierPosition, v.frontierMomentum, v.frontierGradient,
                                            v.previousMomentum, v.subtreeMomentumSum, v.checkpointMomentum,
                                            v.checkpointSumBefore, v.checkpointPreviousMomentum,
                                            v.proposalPosition, v.proposalGradient);
            if (failedLevel != 0) {
                ending = failedLevel;
            } else if (leaf == (1 << depth) - 1) {
                // The doubling joins the tree by biased progressive sampling (decideTopMerge, mergeIntoTrees).
                double u = leaf_uniform(treeKey, depth, MANYNUTS_LEAF_TOP);
                bool accept = subtreeLogWeight > treeLogWeight || u < exp(subtreeLogWeight - treeLogWeight);
                if (accept) {
                    drawLogDensity = proposalLogDensity;
                    drawKinetic = proposalKinetic;
                }
                treeLogWeight = nuts_log_sum_exp(treeLogWeight, subtreeLogWeight);
                bool persist = merge_into_tree_of(c, chains, dimension, accept, v.inverseMetric, v.otherMomentum,
                                                  v.frontierMomentum, v.subtreeMomentumSum, v.checkpointMomentum,
                                                  v.checkpointSumBefore, v.checkpointPreviousMomentum,
                                                  v.proposalPosition, v.proposalGradient, v.treeMomentumSum,
                                                  v.drawPosition, v.drawGradient);
                depth++;
                if (!persist) {
                    ending = depth;
                } else if (depth == run.maxDepth) {
                    ending = NUTS_ENDED_MAX_DEPTH;
                } else {
                    // The next doubling picks its direction; the frontier swaps ends when it changes.
                    leaf = 0;
                    bool forwards = leaf_uniform(treeKey, depth, MANYNUTS_LEAF_DIRECTION) > 0.5;
                    begin_subtree_of(c, chains, dimension, forwards != forward, v.frontierPosition,
                                     v.frontierMomentum, v.frontierGradient, v.otherPosition, v.otherMomentum,
                                     v.otherGradient, v.subtreeMomentumSum);
                    forward = forwards;
                }
            } else {
                leaf++;
            }
        }
        if (ending == NUTS_CONTINUES) {
            continue;
        }
        // End of tree: the draw and its statistics go to the chain's next slot.
        double* out = nuts_draw_reals(run, chains, c, drawWidth, emitted);
        int* outCounts = nuts_draw_counts(run, chains, c, emitted);
        for (int d = 0; d < dimension; d++) {
            out[(long long) d * chains] = (double) v.drawPosition[(long long) d * chains + c];
        }
        if (ending == NUTS_ENDED_DIVERGENT) {
            for (int d = 0; d < dimension; d++) {
                out[(long long) (dimension + d) * chains] = (double) v.frontierPosition[(long long) d * chains + c];
            }
        }
        double* outScalars = out + 2LL * dimension * chains;
        outScalars[NUTS_DRAW_LOG_DENSITY_FIELD * chains] = drawLogDensity;
        outScalars[NUTS_DRAW_SUM_METROPOLIS * chains] = sumMetropolis;
        outScalars[NUTS_DRAW_KINETIC_FIELD * chains] = drawKinetic;
        outScalars[NUTS_DRAW_ENERGY_ERROR * chains] = energyError;
        outScalars[NUTS_DRAW_STEP_SIZE * chains] = stepSize;
        outCounts[NUTS_DRAW_ITERATION * chains] = iteration;
        outCounts[NUTS_DRAW_DEPTH * chains] = depth;
        outCounts[NUTS_DRAW_LEAPFROG_STEPS * chains] = leapfrogSteps;
        outCounts[NUTS_DRAW_ENDING * chains] = ending;
        emitted++;
        iteration++;
        phase = NUTS_START;
    }
    counter[NUTS_PHASE * chains] = phase;
    counter[NUTS_ITERATION * chains] = iteration;
    counter[NUTS_DEPTH * chains] = depth;
    counter[NUTS_LEAF * chains] = leaf;
    counter[NUTS_FORWARD * chains] = forward ? 1 : 0;
    counter[NUTS_LEAPFROG_STEPS * chains] = leapfrogSteps;
    counter[NUTS_TREE_KEY_LOW * chains] = (int) (unsigned int) treeKey;
    counter[NUTS_TREE_KEY_HIGH * chains] = (int) (unsigned int) (treeKey >> 32);
    counter[NUTS_STOP_ITERATION * chains] = stop;
    counter[NUTS_SEARCH_TRIAL * chains] = searchTrial;
    counter[NUTS_SEARCH_DIRECTION * chains] = searchDirection;
    run.drawCounts[NUTS_LAUNCH_PHASE * chains + c] = phase;
    run.drawCounts[NUTS_LAUNCH_EMITTED * chains + c] = emitted;
    run.drawCounts[NUTS_LAUNCH_STEPS * chains + c] = steps;
    scalar[NUTS_STEP_SIZE * chains] = stepSize;
    scalar[NUTS_INITIAL_ENERGY * chains] = initialEnergy;
    scalar[NUTS_TREE_LOG_WEIGHT * chains] = treeLogWeight;
    scalar[NUTS_SUBTREE_LOG_WEIGHT * chains] = subtreeLogWeight;
    scalar[NUTS_SUM_METROPOLIS * chains] = sumMetropolis;
    scalar[NUTS_DRAW_LOG_DENSITY * chains] = drawLogDensity;
    scalar[NUTS_DRAW_KINETIC * chains] = drawKinetic;
    scalar[NUTS_PROPOSAL_LOG_DENSITY * chains] = proposalLogDensity;
    scalar[NUTS_PROPOSAL_KINETIC * chains] = proposalKinetic;
    // Lane utilisation, counted per warp: the lanes' useful steps, and the most any lane took, which every lane of
    // the warp pays for.
    long long warp = c / 32;
    long long warps = (chains + 31) / 32;
    atomicAdd(run.warpSteps + warp, steps);
    atomicMax(run.warpSteps + warps + warp, steps);
}

#endif
