package io.ganpoet.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code @Discriminator} types declared inside a method, constructor, initializer or lambda.
 * javac never hands local classes to annotation processors, so the processor looks for them in the
 * trees of each compilation unit (once per unit) and reports an error on their line.
 */
final class LocalSpecs {

    private final Trees trees;
    private final ErrorReporter reporter;
    private final Set<CompilationUnitTree> scanned = Collections.newSetFromMap(new IdentityHashMap<>());

    LocalSpecs(Trees trees, ErrorReporter reporter) {
        this.trees = trees;
        this.reporter = reporter;
    }

    /** Scans the compilation units of {@code roots} not scanned before. */
    void report(Set<? extends Element> roots) {
        for (Element root : roots) {
            if (!(root instanceof TypeElement)) {
                continue;
            }
            TreePath path = trees.getPath(root);
            if (path == null || !scanned.add(path.getCompilationUnit())) {
                continue;
            }
            CompilationUnitTree unit = path.getCompilationUnit();
            if (mayMentionSpecs(unit)) {
                new Scanner(unit).scan(unit, null);
            }
        }
    }

    /** Whether the unit's source text can name {@code @Discriminator} at all (a cheap pre-check). */
    private static boolean mayMentionSpecs(CompilationUnitTree unit) {
        try {
            return unit.getSourceFile().getCharContent(true).toString().contains("Discriminator");
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    /** {@code a.b.C} for a name tree, without javac's pretty printer; {@code ""} for other trees. */
    private static String dotted(Tree tree) {
        if (tree instanceof IdentifierTree id) {
            return id.getName().toString();
        }
        if (tree instanceof MemberSelectTree select) {
            String left = dotted(select.getExpression());
            return left.isEmpty() ? "" : left + "." + select.getIdentifier();
        }
        return "";
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;
        private final boolean importsSpec;
        private int bodies;

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
            boolean imports = unit.getPackageName() != null && dotted(unit.getPackageName()).equals("io.ganpoet.spec");
            for (ImportTree i : unit.getImports()) {
                String name = i.isStatic() ? "" : dotted(i.getQualifiedIdentifier());
                imports |= name.equals("io.ganpoet.spec.*") || name.equals(SpecReader.DISCRIMINATOR);
            }
            this.importsSpec = imports;
        }

        @Override
        public Void visitBlock(BlockTree node, Void unused) {
            return inBody(() -> super.visitBlock(node, unused));
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            return inBody(() -> super.visitLambdaExpression(node, unused));
        }

        /** Scans a method, initializer or lambda body: classes declared in it are local. */
        private Void inBody(java.util.function.Supplier<Void> scan) {
            bodies++;
            try {
                return scan.get();
            } finally {
                bodies--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            if (bodies > 0) {
                for (AnnotationTree annotation : node.getModifiers().getAnnotations()) {
                    if (isDiscriminator(annotation)) {
                        reporter.error(
                                "@Discriminator " + kind(node) + " " + node.getSimpleName()
                                        + " is local to a method, and javac shows local types to no annotation"
                                        + " processor, so nothing would be generated; declare it at top level or"
                                        + " as a member type",
                                node,
                                unit);
                    }
                }
            }
            // Members of a local or anonymous class are hidden from processors as well.
            return node.getSimpleName().length() == 0
                    ? inBody(() -> super.visitClass(node, unused))
                    : super.visitClass(node, unused);
        }

        private boolean isDiscriminator(AnnotationTree annotation) {
            TreePath path = new TreePath(getCurrentPath(), annotation.getAnnotationType());
            Element element = trees.getElement(path);
            if (element instanceof TypeElement t) {
                return t.getQualifiedName().contentEquals(SpecReader.DISCRIMINATOR);
            }
            String written = dotted(annotation.getAnnotationType());
            return written.equals(SpecReader.DISCRIMINATOR) || (importsSpec && written.equals("Discriminator"));
        }

        private String kind(ClassTree node) {
            return switch (node.getKind()) {
                case INTERFACE -> "interface";
                case ENUM -> "enum";
                case RECORD -> "record";
                case ANNOTATION_TYPE -> "annotation type";
                default -> "class";
            };
        }
    }
}
