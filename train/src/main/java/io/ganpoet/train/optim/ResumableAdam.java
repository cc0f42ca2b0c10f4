package io.ganpoet.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba), DJL's fused native update, with state that a checkpoint can save: per
 * parameter the first and second moments and its own step count (DJL's {@code Adam} counts steps
 * in private fields, so a resumed run would restart its bias correction). The GAN default is
 * β₁ = 0.5, as in the DCGAN paper. Learning-rate schedules are DJL {@link ParameterTracker}s;
 * weight decay, gradient clipping and rescaling come from DJL's optimizer builder.
 *
 * <pre>{@code
 * Optimizer adam = ResumableAdam.builder().optLearningRateTracker(Tracker.fixed(2e-4f)).optBeta1(0.5f).build();
 * }</pre>
 */
public final class ResumableAdam extends ResumableOptimizer {

    private static final String MEAN = ".mean";
    private static final String VARIANCE = ".variance";
    private static final String STEPS = ".steps";

    private static final class State {
        NDArray mean;
        NDArray variance;
        int steps;
    }

    private final ParameterTracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, State> states = new LinkedHashMap<>();

    private ResumableAdam(Builder builder) {
        super(builder);
        this.learningRate = builder.learningRate;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
    }

    /**
     * Returns a builder.
     *
     * @return a builder with DJL's Adam defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        State state = states.computeIfAbsent(parameterId, id -> newState(weight));
        state.steps++;
        float lr = learningRate.getNewValue(parameterId, state.steps);
        double coef1 = 1.0 - Math.pow(beta1, state.steps);
        double coef2 = 1.0 - Math.pow(beta2, state.steps);
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        if (!Float.isFinite(corrected)) {
            throw new IllegalStateException(
                    "Adam learning rate " + lr + " gives a non-finite step at update " + state.steps);
        }
        weight.getNDArrayInternal()
                .adamUpdate(
                        new NDList(weight, grad, state.mean, state.variance),
                        new NDList(weight),
                        lr,
                        corrected,
                        getWeightDecay(),
                        rescaleGrad,
                        clipGrad,
                        beta1,
                        beta2,
                        epsilon,
                        true,
                        false);
    }

    private static State newState(NDArray weight) {
        State state = new State();
        NDManager manager = weight.getManager();
        state.mean = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        state.variance = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        return state;
    }

    /** {@inheritDoc} */
    @Override
    public NDList exportState(Map<String, String> namesById) {
        NDList list = new NDList();
        for (Map.Entry<String, State> e : states.entrySet()) {
            String name = namesById.get(e.getKey());
            if (name == null) {
                throw new IllegalArgumentException(
                        "optimizer state for parameter id " + e.getKey() + ", which has no name");
            }
            State s = e.getValue();
            list.add(named(s.mean.duplicate(), name + MEAN));
            list.add(named(s.variance.duplicate(), name + VARIANCE));
            list.add(named(s.mean.getManager().create(new int[] {s.steps}), name + STEPS));
        }
        return list;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    /** {@inheritDoc} */
    @Override
    public void importState(NDList state, Map<String, String> idsByName, NDManager manager) {
        Map<String, State> restored = new LinkedHashMap<>();
        for (NDArray array : state) {
            String entry = array.getName();
            int dot = entry == null ? -1 : entry.lastIndexOf('.');
            String name = dot < 0 ? String.valueOf(entry) : entry.substring(0, dot);
            String id = idsByName.get(name);
            if (id == null) {
                throw new IllegalArgumentException(
                        "optimizer state for parameter '" + name + "', which this network does not have");
            }
            State s = restored.computeIfAbsent(id, k -> new State());
            NDArray owned = array.toDevice(manager.getDevice(), true);
            owned.attach(manager);
            switch (entry.substring(dot)) {
                case MEAN -> s.mean = owned;
                case VARIANCE -> s.variance = owned;
                case STEPS -> {
                    if (!owned.getDataType().equals(DataType.INT32)
                            || !owned.getShape().equals(new Shape(1))) {
                        throw new IllegalArgumentException("optimizer entry '" + entry + "' is not one step count");
                    }
                    s.steps = owned.toIntArray()[0];
                }
                default -> throw new IllegalArgumentException("unknown optimizer entry '" + entry + "'");
            }
        }
        for (Map.Entry<String, State> e : restored.entrySet()) {
            if (e.getValue().mean == null || e.getValue().variance == null) {
                throw new IllegalArgumentException("optimizer state for parameter id " + e.getKey() + " is incomplete");
            }
        }
        states.clear();
        states.putAll(restored);
    }

    /** Builds a {@link ResumableAdam}; defaults are DJL's (lr 1e-3, β 0.9 / 0.999, ε 1e-8). */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private ParameterTracker learningRate = Tracker.fixed(1e-3f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the learning rate tracker.
         *
         * @param tracker the learning rate over updates
         * @return this builder
         */
        public Builder optLearningRateTracker(ParameterTracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        /**
         * Sets β1, the first moment's decay.
         *
         * @param beta1 the decay
         * @return this builder
         */
        public Builder optBeta1(float beta1) {
            this.beta1 = beta1;
            return this;
        }

        /**
         * Sets β2, the second moment's decay.
         *
         * @param beta2 the decay
         * @return this builder
         */
        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets ε, added to the denominator.
         *
         * @param epsilon the value
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         */
        public ResumableAdam build() {
            return new ResumableAdam(this);
        }
    }
}
