// The likelihood step of manynuts.models.HierarchicalLogisticRegression's batched evaluation for one chain, launched
// between the two matrix products: after linear = X beta for every chain (GEMM, [i * chains + c]), it adds the
// priors, the Bernoulli terms and the group sums, leaves the residuals in place of the linear predictors for the
// second product (gradient of beta += X^T r) and writes the prior's gradient of beta for that product to add to.
#ifndef MANYNUTS_HIERARCHICAL_LOGISTIC_CUH
#define MANYNUTS_HIERARCHICAL_LOGISTIC_CUH

// Normal(0, 2.5) priors on beta and mu_alpha.
#define MANYNUTS_LOGISTIC_PRIOR_PRECISION (1.0 / (2.5 * 2.5))

// Data (KernelBinding): integers n, p, G, groups[0..n) (0-based), y[0..n); reals X row-major (n x p), read by the
// matrix products only. Coordinates: beta[0..p), mu_alpha, sigma_alpha_log, z[0..G), dimension-major
// [d * stride + c]; Real is the type of the chain state, double or float.
template <typename Real>
struct HierarchicalLogistic {
    int n;
    int p;
    int groups;
    const int* group;
    const int* outcome;

    __host__ __device__ HierarchicalLogistic(const int* integers, const double* /* reals: X, for the products */)
            : n(integers[0]), p(integers[1]), groups(integers[2]), group(integers + 3),
              outcome(integers + 3 + integers[0]) {}

    // Returns log p at chain c's position, writes every gradient row but the coefficients' data term, and turns
    // linear into the residuals r = y - logit^-1(eta + alpha[g]). In double the operations and their order follow
    // the Java model, so both round alike (with FMA contraction off).
    __host__ __device__ Real likelihood(const Real* position, Real* linear, Real* gradient, long long stride,
                                        long long c) const {
        const Real precision = (Real) MANYNUTS_LOGISTIC_PRIOR_PRECISION;
        Real mu = position[(long long) p * stride + c];
        Real sigmaLog = position[(long long) (p + 1) * stride + c];
        Real sigma = exp(sigmaLog);
        Real lp = (Real) -0.5 * precision * mu * mu - sigma + sigmaLog;
        for (int k = 0; k < p; k++) {
            long long at = (long long) k * stride + c;
            Real beta = position[at];
            lp -= (Real) 0.5 * precision * beta * beta;
            gradient[at] = -precision * beta;
        }
        for (int g = 0; g < groups; g++) {
            long long at = (long long) (p + 2 + g) * stride + c;
            Real z = position[at];
            lp -= (Real) 0.5 * z * z;
            gradient[at] = 0;
        }
        for (int i = 0; i < n; i++) {
            long long zAt = (long long) (p + 2 + group[i]) * stride + c;
            long long at = (long long) i * stride + c;
            Real eta = linear[at] + (mu + sigma * position[zAt]);
            Real e = exp(-fabs(eta));
            Real y = (Real) outcome[i];
            // log Bernoulli(y | logit^-1(eta)) = y eta - max(eta, 0) - log1p(exp(-|eta|)).
            Real bound = y == (Real) 1 ? (eta < 0 ? eta : (Real) 0) : (eta > 0 ? -eta : (Real) 0);
            Real r = y - (eta >= 0 ? (Real) 1 / ((Real) 1 + e) : e / ((Real) 1 + e));
            lp += bound - log1p(e);
            gradient[zAt] += r;
            linear[at] = r;
        }
        Real gradientMu = -precision * mu;
        Real gradientSigmaLog = (Real) 1 - sigma;
        for (int g = 0; g < groups; g++) {
            long long at = (long long) (p + 2 + g) * stride + c;
            Real sum = gradient[at];
            Real z = position[at];
            Real scaled = sigma * sum;
            gradientMu += sum;
            gradientSigmaLog += scaled * z;
            gradient[at] = scaled - z;
        }
        gradient[(long long) p * stride + c] = gradientMu;
        gradient[(long long) (p + 1) * stride + c] = gradientSigmaLog;
        return lp;
    }
};

#endif
