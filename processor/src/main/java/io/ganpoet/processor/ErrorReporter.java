package io.ganpoet.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.ganpoet.processor.SpecReader.SpecSource;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Owns every diagnostic: turns a {@link Problem}'s {@link Location} into the exact source position.
 *
 * <p>javac wraps repeated {@code @ConvBlock}s in a synthesized container, and a message printed on
 * a nested mirror lands on the interface's line. With javac's {@link Trees} the reporter walks the
 * interface's annotations in source order and prints on the block's own annotation, or on the
 * offending attribute's value. Without {@code Trees} (another compiler) it falls back to the
 * element, mirror and value.
 */
final class ErrorReporter {

    private final Messager messager;
    private final Trees trees;

    ErrorReporter(ProcessingEnvironment env) {
        this.messager = env.getMessager();
        this.trees = treesOrNull(env);
    }

    private static Trees treesOrNull(ProcessingEnvironment env) {
        try {
            return Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            return null;
        }
    }

    void report(Problem problem, SpecSource source) {
        Diagnostic.Kind kind = kind(problem.severity());
        if (trees != null && printOnTree(kind, problem, source)) {
            return;
        }
        printOnElement(kind, problem, source);
    }

    void note(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.NOTE, message, element);
    }

    void error(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    private static Diagnostic.Kind kind(Problem.Severity severity) {
        switch (severity) {
            case ERROR:
                return Diagnostic.Kind.ERROR;
            case WARNING:
                return Diagnostic.Kind.WARNING;
            default:
                return Diagnostic.Kind.NOTE;
        }
    }

    private boolean printOnTree(Diagnostic.Kind kind, Problem problem, SpecSource source) {
        TreePath typePath = trees.getPath(source.type());
        if (typePath == null || !(typePath.getLeaf() instanceof ClassTree classTree)) {
            return false;
        }
        CompilationUnitTree unit = typePath.getCompilationUnit();
        Location location = problem.location();
        Tree target;
        switch (location.target()) {
            case TYPE:
                return false; // the element itself is exact
            case DISCRIMINATOR:
                target = argumentOrSelf(first(classTree, unit, SpecReader.DISCRIMINATOR), location.attribute());
                break;
            case GENERATOR:
                AnnotationTree discriminator = first(classTree, unit, SpecReader.DISCRIMINATOR);
                Tree generator = argumentOrSelf(discriminator, "generator");
                target =
                        generator instanceof AnnotationTree g
                                ? argumentOrSelf(g, location.attribute())
                                : generator;
                break;
            case CONV_BLOCK:
                target = block(classTree, unit, SpecReader.CONV_BLOCK, SpecReader.CONV_BLOCKS, location);
                break;
            case DENSE_BLOCK:
                target = block(classTree, unit, SpecReader.DENSE_BLOCK, SpecReader.DENSE_BLOCKS, location);
                break;
            default:
                return false;
        }
        if (target == null) {
            return false;
        }
        trees.printMessage(kind, problem.message(), target, unit);
        return true;
    }

    private Tree block(
            ClassTree classTree, CompilationUnitTree unit, String single, String container, Location location) {
        List<AnnotationTree> blocks = new ArrayList<>();
        for (AnnotationTree annotation : classTree.getModifiers().getAnnotations()) {
            String name = annotationName(annotation, unit);
            if (name.equals(single)) {
                blocks.add(annotation);
            } else if (name.equals(container)) {
                Tree value = argumentOrSelf(annotation, "value");
                if (value instanceof NewArrayTree array && array.getInitializers() != null) {
                    for (ExpressionTree nested : array.getInitializers()) {
                        if (nested instanceof AnnotationTree a) {
                            blocks.add(a);
                        }
                    }
                } else if (value instanceof AnnotationTree a && value != annotation) {
                    blocks.add(a);
                }
            }
        }
        if (location.index() < 0 || location.index() >= blocks.size()) {
            return null;
        }
        return argumentOrSelf(blocks.get(location.index()), location.attribute());
    }

    private AnnotationTree first(ClassTree classTree, CompilationUnitTree unit, String name) {
        for (AnnotationTree annotation : classTree.getModifiers().getAnnotations()) {
            if (annotationName(annotation, unit).equals(name)) {
                return annotation;
            }
        }
        return null;
    }

    /** The value tree of {@code attribute} when written out, else the annotation itself. */
    private static Tree argumentOrSelf(AnnotationTree annotation, String attribute) {
        if (annotation == null || attribute == null) {
            return annotation;
        }
        for (ExpressionTree argument : annotation.getArguments()) {
            if (argument instanceof AssignmentTree assignment
                    && assignment.getVariable() instanceof IdentifierTree id
                    && id.getName().contentEquals(attribute)) {
                return assignment.getExpression();
            }
            if (!(argument instanceof AssignmentTree) && attribute.equals("value")) {
                return argument;
            }
        }
        return annotation;
    }

    private String annotationName(AnnotationTree annotation, CompilationUnitTree unit) {
        TreePath path = TreePath.getPath(unit, annotation.getAnnotationType());
        TypeMirror type = path == null ? null : trees.getTypeMirror(path);
        if (type != null && type.getKind() == TypeKind.DECLARED) {
            Element element = trees.getElement(path);
            if (element instanceof TypeElement t) {
                return t.getQualifiedName().toString();
            }
        }
        return "";
    }

    private void printOnElement(Diagnostic.Kind kind, Problem problem, SpecSource source) {
        Location location = problem.location();
        AnnotationMirror mirror;
        switch (location.target()) {
            case DISCRIMINATOR:
            case GENERATOR:
                mirror = source.discriminator();
                break;
            case CONV_BLOCK:
                mirror = at(source.convBlocks(), location.index());
                break;
            case DENSE_BLOCK:
                mirror = at(source.denseBlocks(), location.index());
                break;
            default:
                mirror = null;
        }
        if (mirror == null) {
            messager.printMessage(kind, problem.message(), source.type());
            return;
        }
        AnnotationValue value =
                location.target() == Location.Target.GENERATOR ? null : explicitValue(mirror, location.attribute());
        if (value == null) {
            messager.printMessage(kind, problem.message(), source.type(), mirror);
        } else {
            messager.printMessage(kind, problem.message(), source.type(), mirror, value);
        }
    }

    private static AnnotationMirror at(List<AnnotationMirror> mirrors, int index) {
        return index >= 0 && index < mirrors.size() ? mirrors.get(index) : null;
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
