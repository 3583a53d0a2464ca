package com.freshscale.device.weighing.pipeline;

/** Smoothing: the mean of the last {@code n} values (n = 1 passes values through). */
public final class MovingAverage {
    private final double[] values;
    private int size;
    private int next;
    private double sum;

    public MovingAverage(int n) {
        if (n < 1) throw new IllegalArgumentException("n must be ≥ 1");
        values = new double[n];
    }

    public double add(double v) {
        if (size == values.length) sum -= values[next];
        else size++;
        values[next] = v;
        sum += v;
        next = (next + 1) % values.length;
        return sum / size;
    }

    /** The mean {@link #add} would return for {@code v}, without adding it. */
    public double peek(double v) {
        if (size == 0) return v;
        double s = size == values.length ? sum - values[next] : sum;
        return (s + v) / (size == values.length ? size : size + 1);
    }

    /** How many values the mean is taken over. */
    public int length() {
        return values.length;
    }

    public void reset() {
        size = 0;
        next = 0;
        sum = 0;
    }
}
