package com.freshscale.recognition;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The members of a committee side by side ({@link Architecture#members()}). Given one input, every member
 * sees it (training, and a prediction without test-time augmentation); given one input per member, member
 * {@code m} sees input {@code m}, so that test-time views can be dealt out to the members at the cost of one
 * view each. Output: {@code [fine, coarse, embedding]} of member 1, then of member 2, ... Stored exactly as
 * a {@link ParallelBlock}.
 */
final class Committee extends ParallelBlock {
    private final List<Block> members;

    Committee(List<Block> members) {
        super(Committee::join, members);
        this.members = List.copyOf(members);
    }

    private static NDList join(List<NDList> outputs) {
        NDList all = new NDList();
        for (NDList o : outputs) all.addAll(o);
        return all;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() == 1) return super.forwardInternal(store, inputs, training, params);
        if (inputs.size() != members.size()) {
            throw new IllegalArgumentException("a committee of " + members.size() + " takes 1 input or one per member, not " + inputs.size());
        }
        NDList all = new NDList();
        for (int m = 0; m < members.size(); m++) {
            all.addAll(members.get(m).forward(store, new NDList(inputs.get(m)), training, params));
        }
        return all;
    }
}
