// Philox-4x32-10 (Salmon et al. 2011) and the sampler's conversions to uniforms and normals, bit for bit the
// same as manynuts.rng.Philox and manynuts.rng.RandomStreams so a chain draws the same momentum on any backend.
#ifndef MANYNUTS_PHILOX_CUH
#define MANYNUTS_PHILOX_CUH

// Java's Math.PI; 2 * PI is exact, so the angle below rounds the same way as in RandomStreams.
#define MANYNUTS_PI 3.141592653589793

// Encrypts the counter (x0, x1, x2, x3) under the key (k0, k1); out receives the four words.
__host__ __device__ inline void philox4x32_10(unsigned int x0, unsigned int x1, unsigned int x2, unsigned int x3,
                                              unsigned int k0, unsigned int k1, unsigned int out[4]) {
    for (int round = 0; round < 10; round++) {
        // The two 32x32->64 products of a Philox round; the compiler emits mul.lo/mul.hi for them.
        unsigned long long p0 = 0xD2511F53ull * x0;
        unsigned long long p1 = 0xCD9E8D57ull * x2;
        unsigned int hi0 = (unsigned int) (p0 >> 32);
        unsigned int lo0 = (unsigned int) p0;
        unsigned int hi1 = (unsigned int) (p1 >> 32);
        unsigned int lo1 = (unsigned int) p1;
        x0 = hi1 ^ x1 ^ k0;
        x1 = lo1;
        x2 = hi0 ^ x3 ^ k1;
        x3 = lo0;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    out[0] = x0;
    out[1] = x1;
    out[2] = x2;
    out[3] = x3;
}

// 27 high bits of a and 26 of b as a uniform in [0, 1) with 53 random bits: every step is exact in double.
__host__ __device__ inline double philox_unit(unsigned int a, unsigned int b) {
    double high = (double) (a >> 5);
    double low = (double) (b >> 6);
    return (high * 67108864.0 + low) / 9007199254740992.0;
}

// Two standard normals by Box-Muller from the block at counter (index, chain, event): RandomStreams.normalPair.
__host__ __device__ inline void philox_normal_pair(unsigned long long event, unsigned int chain, unsigned int index,
                                                   unsigned int key0, unsigned int key1, double out[2]) {
    unsigned int words[4];
    philox4x32_10(index, chain, (unsigned int) event, (unsigned int) (event >> 32), key0, key1, words);
    double u1 = 1.0 - philox_unit(words[0], words[1]);
    double u2 = philox_unit(words[2], words[3]);
    double radius = sqrt(-2.0 * log(u1));
    double angle = 2.0 * MANYNUTS_PI * u2;
    out[0] = radius * cos(angle);
    out[1] = radius * sin(angle);
}

// Event id of the uniform choices made while building iteration `iteration`'s tree: RandomStreams.treeEvent.
__host__ __device__ inline unsigned long long tree_event(unsigned long long iteration) {
    return (iteration << 24) | 3u;
}

// Event id of the momentum drawn at the start of iteration `iteration`'s trajectory: RandomStreams.momentumEvent.
__host__ __device__ inline unsigned long long momentum_event(unsigned long long iteration) {
    return (iteration << 24) | 1u;
}

// Event id of trial `trial` of the step-size search that starts at iteration `iteration`:
// RandomStreams.stepSizeSearchEvent.
__host__ __device__ inline unsigned long long step_size_search_event(unsigned long long iteration, int trial) {
    return (iteration << 24) | ((unsigned long long) trial << 4) | 2u;
}

// The key of chain `chain`'s tree at one iteration: RandomStreams.treeKey.
__host__ __device__ inline unsigned long long tree_key(unsigned long long iteration, unsigned int chain,
                                                       unsigned int key0, unsigned int key1) {
    unsigned long long event = tree_event(iteration);
    unsigned int words[4];
    philox4x32_10(0u, chain, (unsigned int) event, (unsigned int) (event >> 32), key0, key1, words);
    return (unsigned long long) words[0] | ((unsigned long long) words[1] << 32);
}

// The "leaves" of leaf_uniform that pick a doubling's direction and decide its merge: RandomStreams.LEAF_DIRECTION
// and LEAF_TOP.
#define MANYNUTS_LEAF_DIRECTION (-1)
#define MANYNUTS_LEAF_TOP (-2)

// The uniform of leaf `leaf` of doubling `depth` of the tree with key `treeKey` (SplitMix64's finaliser of the key
// and the position): RandomStreams.leafUniform, in the same wrapping 64-bit arithmetic.
__host__ __device__ inline double leaf_uniform(unsigned long long treeKey, int depth, int leaf) {
    unsigned long long z = treeKey
            + (((unsigned long long) (unsigned int) depth << 32) | (unsigned long long) (unsigned int) leaf)
                    * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z = z ^ (z >> 31);
    return (double) (z >> 11) * 0x1.0p-53;
}

#endif
