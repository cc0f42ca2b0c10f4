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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Walks a spec interface's annotations once, in source order, and pairs each block's annotation
 * mirror (what {@link SpecReader} reads) with its source tree (where {@link ErrorReporter} prints).
 * Repeated {@code @ConvBlock}s arrive in a container javac synthesizes; the same {@link #flatten}
 * unpacks containers among the mirrors and among the trees.
 */
final class BlockWalker {

    /**
     * One block annotation: its mirror, and its tree when javac's {@link Trees} is available.
     *
     * @param convAfter for a dense block, the index of the first conv block written after it, else -1
     *     (always -1 without {@code Trees}: the mirrors do not keep the written order across kinds)
     */
    record Block(AnnotationMirror mirror, AnnotationTree tree, int convAfter) {}

    /**
     * A spec interface's annotations.
     *
     * @param unit the compilation unit, or {@code null} without {@code Trees}
     * @param discriminator the spec annotation: {@code @Discriminator} or {@code @Encoder}
     * @param discriminatorTree that annotation's tree, or {@code null}
     */
    record SpecSite(
            TypeElement type,
            AnnotationMirror discriminator,
            CompilationUnitTree unit,
            AnnotationTree discriminatorTree,
            List<Block> convBlocks,
            List<Block> denseBlocks) {

        /** The block of {@code kind} at {@code index}, or {@code null}. */
        Block block(boolean conv, int index) {
            List<Block> blocks = conv ? convBlocks : denseBlocks;
            return index >= 0 && index < blocks.size() ? blocks.get(index) : null;
        }
    }

    private final Trees trees;

    /** @param trees javac's tree utilities, or {@code null} on other compilers */
    BlockWalker(Trees trees) {
        this.trees = trees;
    }

    SpecSite walk(TypeElement type, AnnotationMirror discriminator) {
        List<AnnotationMirror> mirrors = new ArrayList<>(type.getAnnotationMirrors());
        List<AnnotationMirror> convMirrors = flatten(
                mirrors,
                BlockWalker::qualifiedName,
                BlockWalker::nestedMirrors,
                SpecReader.CONV_BLOCK,
                SpecReader.CONV_BLOCKS);
        List<AnnotationMirror> denseMirrors = flatten(
                mirrors,
                BlockWalker::qualifiedName,
                BlockWalker::nestedMirrors,
                SpecReader.DENSE_BLOCK,
                SpecReader.DENSE_BLOCKS);
        TreePath path = trees == null ? null : trees.getPath(type);
        if (path == null || !(path.getLeaf() instanceof ClassTree classTree)) {
            return new SpecSite(
                    type, discriminator, null, null, blocks(convMirrors, null, null), blocks(denseMirrors, null, null));
        }
        TreePath modifiers = new TreePath(path, classTree.getModifiers());
        List<AnnotationTree> annotations =
                new ArrayList<>(classTree.getModifiers().getAnnotations());
        Function<AnnotationTree, String> name = tree -> annotationName(modifiers, tree);
        AnnotationTree discriminatorTree = null;
        String specAnnotation = qualifiedName(discriminator);
        for (AnnotationTree tree : annotations) {
            if (name.apply(tree).equals(specAnnotation)) {
                discriminatorTree = tree;
            }
        }
        List<AnnotationTree> convTrees =
                flatten(annotations, name, BlockWalker::nestedTrees, SpecReader.CONV_BLOCK, SpecReader.CONV_BLOCKS);
        List<AnnotationTree> denseTrees =
                flatten(annotations, name, BlockWalker::nestedTrees, SpecReader.DENSE_BLOCK, SpecReader.DENSE_BLOCKS);
        return new SpecSite(
                type,
                discriminator,
                path.getCompilationUnit(),
                discriminatorTree,
                blocks(convMirrors, convTrees, null),
                blocks(denseMirrors, denseTrees, convsAfter(annotations, name, denseTrees.size())));
    }

    /**
     * The annotations named {@code single}, in order, with those inside a {@code container}
     * annotation's {@code value} in its place.
     */
    static <A> List<A> flatten(
            List<A> annotations,
            Function<A, String> name,
            Function<A, List<A>> nested,
            String single,
            String container) {
        List<A> found = new ArrayList<>();
        for (A annotation : annotations) {
            String n = name.apply(annotation);
            if (n.equals(single)) {
                found.add(annotation);
            } else if (n.equals(container)) {
                found.addAll(nested.apply(annotation));
            }
        }
        return found;
    }

    /**
     * For each dense block in written order, the index of the first conv block written after it, or
     * -1; {@code null} when the counts do not add up.
     */
    private static int[] convsAfter(
            List<AnnotationTree> annotations, Function<AnnotationTree, String> name, int dense) {
        List<Boolean> conv = new ArrayList<>(); // the blocks in written order: true for a conv block
        for (AnnotationTree tree : annotations) {
            String n = name.apply(tree);
            if (n.equals(SpecReader.CONV_BLOCK) || n.equals(SpecReader.DENSE_BLOCK)) {
                conv.add(n.equals(SpecReader.CONV_BLOCK));
            } else if (n.equals(SpecReader.CONV_BLOCKS) || n.equals(SpecReader.DENSE_BLOCKS)) {
                for (int i = nestedTrees(tree).size(); i > 0; i--) {
                    conv.add(n.equals(SpecReader.CONV_BLOCKS));
                }
            }
        }
        int[] after = new int[dense];
        int denseIndex = 0;
        int convIndex = 0;
        List<Integer> open = new ArrayList<>(); // dense blocks not yet followed by a conv block
        for (boolean isConv : conv) {
            if (isConv) {
                for (int d : open) {
                    after[d] = convIndex;
                }
                open.clear();
                convIndex++;
            } else if (denseIndex < dense) {
                after[denseIndex] = -1;
                open.add(denseIndex++);
            }
        }
        return denseIndex == dense ? after : null;
    }

    private static List<Block> blocks(List<AnnotationMirror> mirrors, List<AnnotationTree> trees, int[] convAfter) {
        boolean paired = trees != null && trees.size() == mirrors.size();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < mirrors.size(); i++) {
            int after = convAfter != null && convAfter.length == mirrors.size() ? convAfter[i] : -1;
            blocks.add(new Block(mirrors.get(i), paired ? trees.get(i) : null, after));
        }
        return blocks;
    }

    static String qualifiedName(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
                .toString();
    }

    private static List<AnnotationMirror> nestedMirrors(AnnotationMirror container) {
        List<AnnotationMirror> nested = new ArrayList<>();
        for (Map.Entry<? extends Element, ? extends AnnotationValue> e :
                container.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("value")
                    && e.getValue().getValue() instanceof List<?> list) {
                for (Object value : list) {
                    if (value instanceof AnnotationValue v && v.getValue() instanceof AnnotationMirror m) {
                        nested.add(m);
                    }
                }
            }
        }
        return nested;
    }

    private static List<AnnotationTree> nestedTrees(AnnotationTree container) {
        Tree value = argumentOrSelf(container, "value");
        List<AnnotationTree> nested = new ArrayList<>();
        if (value instanceof NewArrayTree array && array.getInitializers() != null) {
            for (ExpressionTree element : array.getInitializers()) {
                if (element instanceof AnnotationTree a) {
                    nested.add(a);
                }
            }
        } else if (value instanceof AnnotationTree a && value != container) {
            nested.add(a);
        }
        return nested;
    }

    /** The value tree of {@code attribute} when written out, else the annotation itself. */
    static Tree argumentOrSelf(AnnotationTree annotation, String attribute) {
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

    /** The annotation's qualified type name as javac resolved it, or {@code ""}. */
    private String annotationName(TreePath modifiers, AnnotationTree annotation) {
        TreePath type = new TreePath(new TreePath(modifiers, annotation), annotation.getAnnotationType());
        Element element = trees.getElement(type);
        return element instanceof TypeElement t ? t.getQualifiedName().toString() : "";
    }
}
