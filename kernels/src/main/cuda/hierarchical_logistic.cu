// The likelihood kernel of manynuts.models.HierarchicalLogisticRegression, launched between the two matrix products
// of its batched evaluation: after linear = X beta for every chain (GEMM, [i * chains + c]), one thread per chain
// adds the priors, the Bernoulli terms and the group sums, leaves the residuals in place of the linear predictors for
// the second product (gradient of beta += X^T r) and writes the prior's gradient of beta for that product to add to.
#include "thread_index.cuh"

// Normal(0, 2.5) priors on beta and mu_alpha.
#define MANYNUTS_LOGISTIC_PRIOR_PRECISION (1.0 / (2.5 * 2.5))

// Data (KernelBinding): integers n, p, G, groups[0..n) (0-based), y[0..n); reals X row-major (n x p).
// Coordinates: beta[0..p), mu_alpha, sigma_alpha_log, z[0..G), dimension-major [d * chains + c].
extern "C" __global__ void hierarchical_logistic_likelihood(
        int chains, const double* __restrict__ position, double* __restrict__ linear,
        double* __restrict__ logDensity, double* __restrict__ gradient, const int* __restrict__ integers,
        const double* __restrict__ reals) {
    long long c = thread_index();
    if (c >= chains) {
        return;
    }
    int n = integers[0];
    int p = integers[1];
    int groups = integers[2];
    const int* group = integers + 3;
    const int* outcome = integers + 3 + n;
    const double precision = MANYNUTS_LOGISTIC_PRIOR_PRECISION;
    double mu = position[(long long) p * chains + c];
    double sigmaLog = position[(long long) (p + 1) * chains + c];
    double sigma = exp(sigmaLog);
    double lp = -0.5 * precision * mu * mu - sigma + sigmaLog;
    for (int k = 0; k < p; k++) {
        long long at = (long long) k * chains + c;
        double beta = position[at];
        lp -= 0.5 * precision * beta * beta;
        gradient[at] = -precision * beta;
    }
    for (int g = 0; g < groups; g++) {
        long long at = (long long) (p + 2 + g) * chains + c;
        double z = position[at];
        lp -= 0.5 * z * z;
        gradient[at] = 0.0;
    }
    for (int i = 0; i < n; i++) {
        long long zAt = (long long) (p + 2 + group[i]) * chains + c;
        long long at = (long long) i * chains + c;
        double eta = linear[at] + (mu + sigma * position[zAt]);
        double e = exp(-fabs(eta));
        double y = outcome[i];
        double bound = y == 1.0 ? (eta < 0.0 ? eta : 0.0) : (eta > 0.0 ? -eta : 0.0);
        double r = y - (eta >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
        lp += bound - log1p(e);
        gradient[zAt] += r;
        linear[at] = r;
    }
    double gradientMu = -precision * mu;
    double gradientSigmaLog = 1.0 - sigma;
    for (int g = 0; g < groups; g++) {
        long long at = (long long) (p + 2 + g) * chains + c;
        double sum = gradient[at];
        double z = position[at];
        double scaled = sigma * sum;
        gradientMu += sum;
        gradientSigmaLog += scaled * z;
        gradient[at] = scaled - z;
    }
    gradient[(long long) p * chains + c] = gradientMu;
    gradient[(long long) (p + 1) * chains + c] = gradientSigmaLog;
    logDensity[c] = lp;
}
