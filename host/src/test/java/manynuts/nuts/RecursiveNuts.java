package manynuts.nuts;

import manynuts.models.Model;
import manynuts.rng.RandomStreams;

/**
 * The oracle: one chain's NUTS transition written as Stan's recursive build_tree (base_nuts.hpp), with the same
 * uniform for each choice as the batched sampler. Slow and plain on purpose. Like the sampler, it samples the
 * proposal of a doubling progressively leaf by leaf (as BlackJAX does) rather than at each merge as Stan does:
 * the two are the same multinomial distribution, but only the same scheme gives the same draw for the same
 * uniforms.
 */
final class RecursiveNuts {
    private final Model model;
    private final double[] inverseMetric;
    private final int dimension;
    private final int chain;
    private final int maxDepth;
    private final RandomStreams random;
    private final double[] logDensityOut = new double[1];

    private double stepSize;
    private double initialEnergy;
    private int doubling;
    private int leafIndex;
    private int leapfrogSteps;
    private double sumMetropolis;
    private boolean divergent;
    private long treeKey;
    private double runningLogWeight;

    /** A point of phase space with its log density and gradient. */
    static final class Point {
        final double[] q;
        final double[] p;
        final double[] g;
        double logDensity;

        Point(int dimension) {
            q = new double[dimension];
            p = new double[dimension];
            g = new double[dimension];
        }

        Point copy() {
            Point point = new Point(q.length);
            System.arraycopy(q, 0, point.q, 0, q.length);
            System.arraycopy(p, 0, point.p, 0, q.length);
            System.arraycopy(g, 0, point.g, 0, q.length);
            point.logDensity = logDensity;
            return point;
        }

        void set(Point other) {
            System.arraycopy(other.q, 0, q, 0, q.length);
            System.arraycopy(other.p, 0, p, 0, q.length);
            System.arraycopy(other.g, 0, g, 0, q.length);
            logDensity = other.logDensity;
        }
    }

    /** One transition's outcome, as the batched sampler reports it. */
    record Transition(Point draw, int depth, int leapfrogSteps, boolean divergent, double acceptStat, double energy) {
    }

    RecursiveNuts(Model model, double[] inverseMetric, int chain, int maxDepth, long seed) {
        this.model = model;
        this.inverseMetric = inverseMetric;
        this.dimension = model.dimension();
        this.chain = chain;
        this.maxDepth = maxDepth;
        this.random = new RandomStreams(seed);
    }

    /** The same initial point as the sampler: the first of up to 100 uniform draws with finite density. */
    Point initialPoint(double radius) {
        Point point = new Point(dimension);
        for (int attempt = 0; attempt < SamplerSettings.INIT_ATTEMPTS; attempt++) {
            for (int d = 0; d < dimension; d++) {
                point.q[d] = radius * (2.0 * random.uniform(RandomStreams.initEvent(attempt), chain, d) - 1.0);
            }
            evaluate(point);
            boolean finite = Double.isFinite(point.logDensity);
            for (double g : point.g) {
                finite &= Double.isFinite(g);
            }
            if (finite) {
                return point;
            }
        }
        throw new IllegalStateException("no finite initial point");
    }

    Transition transition(Point start, double stepSize, long iteration) {
        this.stepSize = stepSize;
        this.treeKey = random.treeKey(iteration, chain);
        Point z = start.copy();
        double[] normals = new double[dimension + 1];
        for (int pair = 0; 2 * pair < dimension; pair++) {
            random.normalPair(RandomStreams.momentumEvent(iteration), chain, pair, normals, 2 * pair);
        }
        for (int d = 0; d < dimension; d++) {
            z.p[d] = normals[d] / Math.sqrt(inverseMetric[d]);
        }
        initialEnergy = energy(z);
        Point forwardEnd = z.copy();
        Point backwardEnd = z.copy();
        Point sample = z.copy();
        Point propose = z.copy();
        double[] rho = z.p.clone();
        double[] pForwardForward = z.p.clone();
        double[] pForwardBackward = z.p.clone();
        double[] pBackwardForward = z.p.clone();
        double[] pBackwardBackward = z.p.clone();
        double logSumWeight = 0.0;
        int depth = 0;
        leapfrogSteps = 0;
        sumMetropolis = 0.0;
        divergent = false;
        while (depth < maxDepth) {
            double[] rhoForward = new double[dimension];
            double[] rhoBackward = new double[dimension];
            double[] logSumWeightSubtree = {Double.NEGATIVE_INFINITY};
            doubling = depth;
            leafIndex = 0;
            boolean valid;
            double u = RandomStreams.leafUniform(treeKey, depth, RandomStreams.LEAF_DIRECTION);
            if (u > 0.5) {
                z.set(forwardEnd);
                System.arraycopy(rho, 0, rhoBackward, 0, dimension);
                // The old tree's end next to the new subtree is its forward end. (Stan's code takes the first
                // point of the latest forward subtree here, which depends on the order the tree was built in.)
                System.arraycopy(pForwardForward, 0, pBackwardForward, 0, dimension);
                valid = buildTree(depth, z, propose, pForwardBackward, pForwardForward, rhoForward, 1, logSumWeightSubtree);
                forwardEnd.set(z);
            } else {
                z.set(backwardEnd);
                System.arraycopy(rho, 0, rhoForward, 0, dimension);
                System.arraycopy(pBackwardBackward, 0, pForwardBackward, 0, dimension);
                valid = buildTree(depth, z, propose, pBackwardForward, pBackwardBackward, rhoBackward, -1, logSumWeightSubtree);
                backwardEnd.set(z);
            }
            if (!valid) {
                break;
            }
            double top = RandomStreams.leafUniform(treeKey, depth, RandomStreams.LEAF_TOP);
            ++depth;
            if (logSumWeightSubtree[0] > logSumWeight || top < Math.exp(logSumWeightSubtree[0] - logSumWeight)) {
                sample.set(propose);
            }
            logSumWeight = TreeStateMachine.logSumExp(logSumWeight, logSumWeightSubtree[0]);
            for (int d = 0; d < dimension; d++) {
                rho[d] = rhoBackward[d] + rhoForward[d];
            }
            boolean persist = criterion(pBackwardBackward, pForwardForward, rho);
            persist &= criterion(pBackwardBackward, pForwardBackward, sum(rhoBackward, pForwardBackward));
            persist &= criterion(pBackwardForward, pForwardForward, sum(rhoForward, pBackwardForward));
            if (!persist) {
                break;
            }
        }
        return new Transition(sample, depth, leapfrogSteps, divergent, sumMetropolis / leapfrogSteps, energy(sample));
    }

    private boolean buildTree(int depth, Point z, Point propose, double[] pBegin, double[] pEnd, double[] rho, int sign,
            double[] logSumWeight) {
        if (depth == 0) {
            leapfrog(z, sign * stepSize);
            leapfrogSteps++;
            double h = energy(z);
            if (Double.isNaN(h)) {
                h = Double.POSITIVE_INFINITY;
            }
            if (h - initialEnergy > 1000.0) {
                divergent = true;
            }
            logSumWeight[0] = TreeStateMachine.logSumExp(logSumWeight[0], initialEnergy - h);
            sumMetropolis += initialEnergy - h > 0 ? 1.0 : StrictMath.exp(initialEnergy - h);
            double weight = initialEnergy - h;
            if (leafIndex == 0) {
                runningLogWeight = weight;
                propose.set(z);
            } else {
                runningLogWeight = TreeStateMachine.logSumExp(runningLogWeight, weight);
                if (RandomStreams.leafUniform(treeKey, doubling, leafIndex) < Math.exp(weight - runningLogWeight)) {
                    propose.set(z);
                }
            }
            System.arraycopy(z.p, 0, pBegin, 0, dimension);
            System.arraycopy(z.p, 0, pEnd, 0, dimension);
            for (int d = 0; d < dimension; d++) {
                rho[d] += z.p[d];
            }
            leafIndex++;
            return !divergent;
        }
        double[] logSumWeightInit = {Double.NEGATIVE_INFINITY};
        double[] pInitEnd = new double[dimension];
        double[] rhoInit = new double[dimension];
        if (!buildTree(depth - 1, z, propose, pBegin, pInitEnd, rhoInit, sign, logSumWeightInit)) {
            return false;
        }
        double[] logSumWeightFinal = {Double.NEGATIVE_INFINITY};
        double[] pFinalBegin = new double[dimension];
        double[] rhoFinal = new double[dimension];
        if (!buildTree(depth - 1, z, propose, pFinalBegin, pEnd, rhoFinal, sign, logSumWeightFinal)) {
            return false;
        }
        double logSumWeightSubtree = TreeStateMachine.logSumExp(logSumWeightInit[0], logSumWeightFinal[0]);
        logSumWeight[0] = TreeStateMachine.logSumExp(logSumWeight[0], logSumWeightSubtree);
        double[] rhoSubtree = sum(rhoInit, rhoFinal);
        for (int d = 0; d < dimension; d++) {
            rho[d] += rhoSubtree[d];
        }
        boolean persist = criterion(pBegin, pEnd, rhoSubtree);
        persist &= criterion(pBegin, pFinalBegin, sum(rhoInit, pFinalBegin));
        persist &= criterion(pInitEnd, pEnd, sum(rhoFinal, pInitEnd));
        return persist;
    }

    private boolean criterion(double[] pMinus, double[] pPlus, double[] rho) {
        double minus = 0;
        double plus = 0;
        for (int d = 0; d < dimension; d++) {
            minus += inverseMetric[d] * pMinus[d] * rho[d];
            plus += inverseMetric[d] * pPlus[d] * rho[d];
        }
        return plus > 0 && minus > 0;
    }

    private static double[] sum(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int d = 0; d < a.length; d++) {
            out[d] = a[d] + b[d];
        }
        return out;
    }

    private void leapfrog(Point z, double eps) {
        for (int d = 0; d < dimension; d++) {
            z.p[d] = z.p[d] + 0.5 * eps * z.g[d];
            z.q[d] += eps * inverseMetric[d] * z.p[d];
        }
        evaluate(z);
        for (int d = 0; d < dimension; d++) {
            z.p[d] = z.p[d] + 0.5 * eps * z.g[d];
        }
    }

    private void evaluate(Point z) {
        model.logDensityGradient(z.q, 1, 0, 1, logDensityOut, z.g);
        z.logDensity = logDensityOut[0];
    }

    private double energy(Point z) {
        double kinetic = 0;
        for (int d = 0; d < dimension; d++) {
            kinetic += 0.5 * inverseMetric[d] * z.p[d] * z.p[d];
        }
        return -z.logDensity + kinetic;
    }
}
