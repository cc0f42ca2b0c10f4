package io.ganpoet.processor.writer;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;

/** Names of the DJL and ganpoet runtime types generated code refers to. */
final class Djl {

    static final ClassName ABSTRACT_BLOCK = ClassName.get("ai.djl.nn", "AbstractBlock");
    static final ClassName BLOCK = ClassName.get("ai.djl.nn", "Block");
    static final ClassName ACTIVATION = ClassName.get("ai.djl.nn", "Activation");
    static final ClassName CONV2D = ClassName.get("ai.djl.nn.convolutional", "Conv2d");
    static final ClassName LINEAR = ClassName.get("ai.djl.nn.core", "Linear");
    static final ClassName BATCH_NORM = ClassName.get("ai.djl.nn.norm", "BatchNorm");
    static final ClassName DROPOUT = ClassName.get("ai.djl.nn.norm", "Dropout");
    static final ClassName POOL = ClassName.get("ai.djl.nn.pooling", "Pool");
    static final ClassName ND_ARRAY = ClassName.get("ai.djl.ndarray", "NDArray");
    static final ClassName ND_LIST = ClassName.get("ai.djl.ndarray", "NDList");
    static final ClassName ND_MANAGER = ClassName.get("ai.djl.ndarray", "NDManager");
    static final ClassName SHAPE = ClassName.get("ai.djl.ndarray.types", "Shape");
    static final ClassName DATA_TYPE = ClassName.get("ai.djl.ndarray.types", "DataType");
    static final ClassName PARAMETER_STORE = ClassName.get("ai.djl.training", "ParameterStore");
    static final ParameterizedTypeName PAIR_LIST = ParameterizedTypeName.get(
            ClassName.get("ai.djl.util", "PairList"), ClassName.get(String.class), ClassName.get(Object.class));

    /** Built in place of DJL's Conv2d (and held as one): it checks libtorch's kernels first. */
    static final ClassName CHECKED_CONV2D = ClassName.get("io.ganpoet.runtime.nn", "CheckedConv2d");

    static final ClassName TRANSPOSED_CONV2D = ClassName.get("io.ganpoet.runtime.nn", "TransposedConv2d");
    static final ClassName SPECTRAL_NORM_CONV2D = ClassName.get("io.ganpoet.runtime.nn", "SpectralNormConv2d");
    static final ClassName LAYERED_BLOCK = ClassName.get("io.ganpoet.runtime.nn", "LayeredBlock");
    static final ClassName LOGITS_BLOCK = ClassName.get("io.ganpoet.runtime.nn", "LogitsBlock");
    static final ClassName UPSAMPLING = ClassName.get("io.ganpoet.runtime.nn", "Upsampling");
    static final ClassName GAN_MODEL = ClassName.get("io.ganpoet.runtime", "GanModel");
    static final ClassName DISCRIMINATOR_OUTPUT =
            ClassName.get("io.ganpoet.runtime", "GanModel", "DiscriminatorOutput");
    static final ClassName GAUSSIAN_HEADS = ClassName.get("io.ganpoet.runtime.nn", "GaussianHeads");
    static final ClassName ND_ARRAYS = ClassName.get("ai.djl.ndarray", "NDArrays");
    static final ClassName AUTOENCODER_MODEL = ClassName.get("io.ganpoet.runtime", "AutoencoderModel");
    static final ClassName DECODER_OUTPUT = ClassName.get("io.ganpoet.runtime", "AutoencoderModel", "DecoderOutput");
    static final ClassName CONDITIONING = ClassName.get("io.ganpoet.runtime.nn", "Conditioning");
    static final ClassName LABEL_EMBEDDING = ClassName.get("io.ganpoet.runtime.nn", "LabelEmbedding");
    static final ClassName LAYER_SUMMARY = ClassName.get("io.ganpoet.runtime", "LayerSummary");

    private Djl() {}
}
