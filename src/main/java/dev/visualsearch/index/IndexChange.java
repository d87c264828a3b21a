package dev.visualsearch.index;

/** An add (the model's vector present) or a delete (vector null); added vectors enter the index's space. */
record IndexChange(long id, float[] vector) {

    void applyTo(VectorIndex index, SearchSpace space) {
        if (vector == null) {
            index.remove(id);
        } else {
            index.add(id, space.apply(vector));
        }
    }

    void applyTo(LiveIndex index, SearchSpace space) {
        if (vector == null) {
            index.remove(id);
        } else {
            index.add(id, space.apply(vector));
        }
    }
}
