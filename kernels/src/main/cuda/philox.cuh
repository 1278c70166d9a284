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

#endif
