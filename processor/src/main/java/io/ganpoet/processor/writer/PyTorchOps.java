package io.ganpoet.processor.writer;

import io.ganpoet.processor.model.Activations;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.TensorShape;
import java.util.Optional;
import java.util.Set;

/**
 * What each {@link Op} is in a PyTorch twin: the child module it registers and the statement its
 * forward pass runs (the Python counterparts of {@link OpCode}), and how a child's name is written.
 */
final class PyTorchOps {

    /** Python keywords and nn.Module attributes: a layer of such a name is registered through {@code _modules}. */
    private static final Set<String> UNSAFE = Set.of(
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield",
            "forward",
            "training",
            "train",
            "eval",
            "to",
            "cuda",
            "cpu",
            "float",
            "double",
            "half",
            "bfloat16",
            "type",
            "apply",
            "parameters",
            "named_parameters",
            "buffers",
            "named_buffers",
            "children",
            "named_children",
            "modules",
            "named_modules",
            "state_dict",
            "load_state_dict",
            "register_buffer",
            "register_parameter",
            "register_module",
            "add_module",
            "zero_grad",
            "requires_grad_",
            "extra_repr",
            "share_memory",
            "get_submodule",
            "get_parameter",
            "get_buffer",
            "to_empty",
            "ipu",
            "xpu",
            "dump_patches",
            "logits",
            "forward_layers",
            "run",
            "x",
            "labels",
            "layers",
            "final_sigmoid",
            "self",
            "super",
            "torch",
            "nn",
            "F");

    /** ganpoet's initialisation for a freshly built twin: DJL's defaults, then the trainer's {@code init} key. */
    static final String INITIALIZE =
            """
            def initialize(module, scheme="dcgan"):
                \"""ganpoet's initialisation of a twin, in place: DJL's defaults (weights N(0, 2 / fan_in) with fan_in
                the product of the weight's axes after the first, biases and batch-norm shifts 0, scales 1, label
                embeddings and spectral-norm vectors N(0, 1)), then with scheme "dcgan" (the trainer's init: dcgan)
                every 4-D weight N(0, 0.02) and batch-norm scales N(1, 0.02). Distributions, not draws, match DJL's.\"""
                if scheme not in ("dcgan", "default"):
                    raise ValueError("scheme must be dcgan or default, got %r" % (scheme,))
                with torch.no_grad():
                    for sub in module.modules():
                        norm = isinstance(sub, nn.modules.batchnorm._BatchNorm)
                        for name, p in sub.named_parameters(recurse=False):
                            if norm and name == "weight":
                                p.normal_(1.0, 0.02) if scheme == "dcgan" else p.fill_(1.0)
                            elif name == "bias":
                                p.zero_()
                            elif type(sub).__name__ == "LabelEmbedding":
                                p.normal_(0.0, 1.0)
                            elif p.dim() == 4 and scheme == "dcgan":
                                p.normal_(0.0, 0.02)
                            else:
                                fan_in = 1
                                for d in p.shape[1:]:
                                    fan_in *= d
                                p.normal_(0.0, (2.0 / fan_in) ** 0.5)
                        if norm:
                            sub.reset_running_stats()
                return module
            """;

    private PyTorchOps() {}

    /** The child module an op becomes, built from its input shape; empty for an op written inline. */
    static Optional<String> child(Op op, TensorShape in) {
        return Optional.ofNullable(op.accept(new Op.Visitor<String>() {
            @Override
            public String conv(Op.Conv c) {
                if (c.spectralNorm()) {
                    return "SpectralNormConv2d(" + in.channels() + ", " + c.filters() + ", " + c.kernel() + ", "
                            + c.stride() + ", " + c.padding() + ", " + c.dilation() + ", " + pyBool(c.bias()) + ")";
                }
                return "nn.Conv2d(" + in.channels() + ", " + c.filters() + ", " + c.kernel() + ", stride=" + c.stride()
                        + ", padding=" + c.padding() + ", dilation=" + c.dilation() + ", bias=" + pyBool(c.bias())
                        + ")";
            }

            @Override
            public String deconv(Op.Deconv d) {
                return "nn.ConvTranspose2d(" + in.channels() + ", " + d.filters() + ", " + d.kernel() + ", stride="
                        + d.stride() + ", padding=" + d.padding() + ", output_padding=(" + d.outPaddingH() + ", "
                        + d.outPaddingW() + "), dilation=" + d.dilation() + ", bias=" + pyBool(d.bias()) + ")";
            }

            @Override
            public String linear(Op.Linear l) {
                return "nn.Linear(" + in.elements() + ", " + l.units() + ", bias=" + pyBool(l.bias()) + ")";
            }

            @Override
            public String batchNorm(Op.BatchNorm op) {
                // DJL's BatchNorm: epsilon 1e-5, momentum 0.9 of the running value = PyTorch's momentum 0.1
                return (in.isMap() ? "nn.BatchNorm2d(" : "nn.BatchNorm1d(") + in.channels()
                        + ", eps=1e-05, momentum=0.1)";
            }

            @Override
            public String activate(Op.Activate op) {
                return null;
            }

            @Override
            public String maxPool(Op.MaxPool op) {
                return null;
            }

            @Override
            public String dropout(Op.Dropout op) {
                return null;
            }

            @Override
            public String flatten(Op.Flatten op) {
                return null;
            }

            @Override
            public String reshape(Op.Reshape op) {
                return null;
            }

            @Override
            public String upsample(Op.Upsample op) {
                return null;
            }

            @Override
            public String gaussianHeads(Op.GaussianHeads h) {
                return "GaussianHeads(" + in.elements() + ", " + h.latent() + ")";
            }

            @Override
            public String labelMaps(Op.LabelMaps op) {
                return null;
            }

            @Override
            public String labelEmbedding(Op.LabelEmbedding e) {
                return "LabelEmbedding(" + e.classes() + ", " + e.dim() + ")";
            }
        }));
    }

    /** The forward statement of an op, given its field; empty for none (an identity activation). */
    static Optional<String> statement(Op op, String field) {
        String self = access(field);
        String call = "x = " + self + "(x)";
        return Optional.ofNullable(op.accept(new Op.Visitor<String>() {
            @Override
            public String conv(Op.Conv c) {
                return call;
            }

            @Override
            public String deconv(Op.Deconv d) {
                return call;
            }

            @Override
            public String linear(Op.Linear l) {
                return call;
            }

            @Override
            public String batchNorm(Op.BatchNorm b) {
                return call;
            }

            @Override
            public String activate(Op.Activate a) {
                String slope = Activations.formatFloat(a.slope());
                return switch (a.activation()) {
                    case NONE -> null;
                    case RELU -> "x = F.relu(x)";
                    case LEAKY_RELU -> "x = F.leaky_relu(x, " + slope + ")";
                    case ELU -> "x = F.elu(x, " + slope + ")";
                    case SELU -> "x = F.selu(x)";
                    case GELU -> "x = F.gelu(x)";
                    case SIGMOID -> "x = torch.sigmoid(x)";
                    case TANH -> "x = torch.tanh(x)";
                    case SOFTPLUS -> "x = F.softplus(x)";
                };
            }

            @Override
            public String maxPool(Op.MaxPool p) {
                return "x = F.max_pool2d(x, " + p.window() + ", " + p.window() + ")";
            }

            @Override
            public String dropout(Op.Dropout d) {
                return "x = F.dropout(x, " + Activations.formatFloat(d.rate()) + ", self.training)";
            }

            @Override
            public String flatten(Op.Flatten op) {
                return "x = x.reshape(x.shape[0], -1)";
            }

            @Override
            public String reshape(Op.Reshape r) {
                return "x = x.reshape(x.shape[0], " + r.shape().commaSeparated() + ")";
            }

            @Override
            public String upsample(Op.Upsample u) {
                return "x = F.interpolate(x, size=(" + u.height() + ", " + u.width() + "), mode=\"nearest\")";
            }

            @Override
            public String gaussianHeads(Op.GaussianHeads h) {
                return "x = torch.stack(" + self + "(x), 1)";
            }

            @Override
            public String labelMaps(Op.LabelMaps m) {
                return "x = _join_label_maps(x, labels, " + m.classes() + ")";
            }

            @Override
            public String labelEmbedding(Op.LabelEmbedding e) {
                return "x = _join_channels(x, " + self + "(labels))";
            }
        }));
    }

    static boolean safe(String field) {
        return !UNSAFE.contains(field)
                && !field.startsWith("_")
                && field.chars().allMatch(c -> c < 128);
    }

    /** How the module reaches a child. */
    static String access(String field) {
        return safe(field) ? "self." + field : "self._modules[" + quoted(field) + "]";
    }

    static String pyBool(boolean value) {
        return value ? "True" : "False";
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
