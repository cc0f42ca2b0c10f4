package io.ganpoet.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import io.ganpoet.processor.BlockWalker.Block;
import io.ganpoet.processor.BlockWalker.SpecSite;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Problem;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Owns every diagnostic: turns a {@link Problem}'s {@link Location} into the exact source position.
 *
 * <p>javac wraps repeated {@code @ConvBlock}s in a synthesized container, and a message printed on
 * a nested mirror lands on the interface's line. With javac's {@link Trees} the reporter prints on
 * the block's own annotation tree, or on the offending attribute's value, as {@link BlockWalker}
 * paired them. Without {@code Trees} (another compiler) it falls back to element, mirror and value.
 */
final class ErrorReporter {

    private final Messager messager;
    private final Trees trees;

    /** @param trees javac's tree utilities, or {@code null} */
    ErrorReporter(Messager messager, Trees trees) {
        this.messager = messager;
        this.trees = trees;
    }

    void report(Problem problem, SpecSite site) {
        Diagnostic.Kind kind = kind(problem.severity());
        Tree tree = tree(problem.location(), site);
        if (tree != null) {
            trees.printMessage(kind, problem.message(), tree, site.unit());
            return;
        }
        printOnElement(kind, problem, site);
    }

    void note(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.NOTE, message, element);
    }

    /** A note about the compilation as a whole. */
    void note(String message) {
        messager.printMessage(Diagnostic.Kind.NOTE, message);
    }

    void warning(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.WARNING, message, element);
    }

    /** An error about the compilation as a whole (the processor's own setup). */
    void error(String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, message);
    }

    void error(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    void error(String message, Tree tree, CompilationUnitTree unit) {
        trees.printMessage(Diagnostic.Kind.ERROR, message, tree, unit);
    }

    private static Diagnostic.Kind kind(Problem.Severity severity) {
        return switch (severity) {
            case ERROR -> Diagnostic.Kind.ERROR;
            case WARNING -> Diagnostic.Kind.WARNING;
            case NOTE -> Diagnostic.Kind.NOTE;
        };
    }

    /** The tree to print on, or {@code null} to print on the element. */
    private static Tree tree(Location location, SpecSite site) {
        if (site.unit() == null) {
            return null;
        }
        String attribute = location.attribute();
        return switch (location.target()) {
            case TYPE -> null; // the element itself is exact
            case DISCRIMINATOR, ENCODER -> BlockWalker.argumentOrSelf(site.discriminatorTree(), attribute);
            case GENERATOR, DECODER -> {
                String nested = location.target() == Location.Target.GENERATOR ? "generator" : "decoder";
                Tree generator = BlockWalker.argumentOrSelf(site.discriminatorTree(), nested);
                yield generator instanceof AnnotationTree g ? BlockWalker.argumentOrSelf(g, attribute) : generator;
            }
            case CONV_BLOCK, DENSE_BLOCK -> {
                Block block = site.block(location.target() == Location.Target.CONV_BLOCK, location.index());
                yield block == null ? null : BlockWalker.argumentOrSelf(block.tree(), attribute);
            }
        };
    }

    private void printOnElement(Diagnostic.Kind kind, Problem problem, SpecSite site) {
        Location location = problem.location();
        AnnotationMirror mirror =
                switch (location.target()) {
                    case DISCRIMINATOR, GENERATOR, ENCODER, DECODER -> site.discriminator();
                    case CONV_BLOCK, DENSE_BLOCK -> {
                        Block block = site.block(location.target() == Location.Target.CONV_BLOCK, location.index());
                        yield block == null ? null : block.mirror();
                    }
                    case TYPE -> null;
                };
        if (mirror == null) {
            messager.printMessage(kind, problem.message(), site.type());
            return;
        }
        AnnotationValue value =
                location.target() == Location.Target.GENERATOR || location.target() == Location.Target.DECODER
                        ? null
                        : explicitValue(mirror, location.attribute());
        if (value == null) {
            messager.printMessage(kind, problem.message(), site.type(), mirror);
        } else {
            messager.printMessage(kind, problem.message(), site.type(), mirror, value);
        }
    }

    private static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
        if (attribute == null) {
            return null;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) {
                return e.getValue();
            }
        }
        return null;
    }
}
