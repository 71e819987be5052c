package org.corads.steps.core;

import java.util.List;

/** A {@link Step} whose name, version, parameter type and file names are fixed at construction. */
public abstract class BaseStep<P> implements Step<P> {
    private final String name;
    private final int version;
    private final Class<P> paramsType;
    private final List<String> inputs;
    private final List<String> outputs;

    protected BaseStep(String name, int version, Class<P> paramsType, List<String> inputs, List<String> outputs) {
        this.name = name;
        this.version = version;
        this.paramsType = paramsType;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public final Class<P> paramsType() {
        return paramsType;
    }

    @Override
    public final List<String> inputNames() {
        return inputs;
    }

    @Override
    public final List<String> outputNames() {
        return outputs;
    }
}
