package dev.visualsearch.embedding.tfjs;

import ai.djl.ndarray.NDList;

/** One executable step of a compiled layers graph: plain NDArray operations, so autograd can flow through it. */
interface GraphOp {

    NDList apply(NDList inputs);
}
