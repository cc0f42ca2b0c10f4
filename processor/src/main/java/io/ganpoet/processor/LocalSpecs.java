package io.ganpoet.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
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
 * Finds {@code @Discriminator} and {@code @Encoder} types declared inside a method, constructor,
 * initializer, lambda or anonymous class. javac never hands such types to annotation processors,
 * so the processor looks for them in the trees of each compilation unit (once per unit) and
 * reports an error on their line, naming where the type is declared.
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
            String text = unit.getSourceFile().getCharContent(true).toString();
            return text.contains("Discriminator") || text.contains("Encoder");
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
        /** Where the scan is: what encloses the current tree, innermost last ("a method", "a lambda", ...). */
        private final java.util.ArrayDeque<String> bodies = new java.util.ArrayDeque<>();

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
            boolean imports = unit.getPackageName() != null
                    && dotted(unit.getPackageName()).equals("io.ganpoet.spec");
            for (ImportTree i : unit.getImports()) {
                String name = i.isStatic() ? "" : dotted(i.getQualifiedIdentifier());
                imports |= name.equals("io.ganpoet.spec.*")
                        || name.equals(SpecReader.DISCRIMINATOR)
                        || name.equals(SpecReader.ENCODER);
            }
            this.importsSpec = imports;
        }

        @Override
        public Void visitBlock(BlockTree node, Void unused) {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            String body = parent instanceof MethodTree m
                    ? (m.getName().contentEquals("<init>") ? "a constructor" : "a method")
                    : parent instanceof ClassTree
                            ? (node.isStatic() ? "a static initializer" : "an initializer")
                            : null;
            return body == null ? super.visitBlock(node, unused) : inBody(body, () -> super.visitBlock(node, unused));
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            return inBody("a lambda", () -> super.visitLambdaExpression(node, unused));
        }

        /** Scans a body: types declared in it are hidden from processors. */
        private Void inBody(String body, java.util.function.Supplier<Void> scan) {
            bodies.addLast(body);
            try {
                return scan.get();
            } finally {
                bodies.removeLast();
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            if (!bodies.isEmpty()) {
                for (AnnotationTree annotation : node.getModifiers().getAnnotations()) {
                    String spec = specAnnotation(annotation);
                    if (spec != null) {
                        String where = bodies.getLast();
                        reporter.error(
                                "@" + spec + " " + kind(node) + " " + node.getSimpleName()
                                        + (where.equals("a method")
                                                ? " is local to a method"
                                                : " is declared in " + where)
                                        + ", and javac shows " + (where.equals("an anonymous class") ? "such" : "local")
                                        + " types to no annotation processor, so nothing would be generated; declare"
                                        + " it at top level or as a member type",
                                node,
                                unit);
                    }
                }
            }
            // Members of a local or anonymous class are hidden from processors as well.
            return node.getSimpleName().length() == 0
                    ? inBody("an anonymous class", () -> super.visitClass(node, unused))
                    : super.visitClass(node, unused);
        }

        /** {@code Discriminator} or {@code Encoder} when the annotation is a spec annotation, else {@code null}. */
        private String specAnnotation(AnnotationTree annotation) {
            TreePath path = new TreePath(getCurrentPath(), annotation.getAnnotationType());
            Element element = trees.getElement(path);
            String written = element instanceof TypeElement t
                    ? t.getQualifiedName().toString()
                    : dotted(annotation.getAnnotationType());
            for (String spec : new String[] {SpecReader.DISCRIMINATOR, SpecReader.ENCODER}) {
                String simple = spec.substring(spec.lastIndexOf('.') + 1);
                if (written.equals(spec)
                        || (!(element instanceof TypeElement) && importsSpec && written.equals(simple))) {
                    return simple;
                }
            }
            return null;
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
