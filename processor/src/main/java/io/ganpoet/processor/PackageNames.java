package io.ganpoet.processor;

import com.sun.source.util.Trees;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.ModelSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.PairKind;
import io.ganpoet.processor.model.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The generated names against what the compilation already holds: the types of a spec's package
 * (listed at most once a round) and the classes other specs generated. Decides which simple names
 * generated sources must write qualified, and whether a generated class clashes.
 */
final class PackageNames {

    private final Elements elements;
    private final Trees trees;
    private final SourceWriter sources;
    private final Map<PackageElement, Map<String, TypeElement>> packageTypes = new HashMap<>();

    /** @param trees javac's tree utilities, or {@code null} */
    PackageNames(Elements elements, Trees trees, SourceWriter sources) {
        this.elements = elements;
        this.trees = trees;
        this.sources = sources;
    }

    /** Forgets the package listings: a new round may have added types. */
    void newRound() {
        packageTypes.clear();
    }

    /**
     * Simple names that generated sources must not use for a type, because in the generated class
     * they name a field, a generated or spec class, or a type of the spec's package that shadows
     * {@code java.lang}. JavaPoet writes such types qualified.
     */
    Set<String> qualified(ModelSpec spec, TypeElement type, Network... networks) {
        Set<String> names = new TreeSet<>();
        for (Network network : networks) {
            names.add(network.className());
            for (Layer layer : network.layers()) {
                names.add(layer.name());
                names.add(GeneratedNames.normField(layer.name()));
            }
        }
        names.add(spec.interfaceName());
        names.addAll(spec.generatedClassNames());
        Map<String, TypeElement> inPackage = packageTypes(type);
        for (String name : GeneratedNames.JAVA_LANG) {
            if (inPackage.containsKey(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private Map<String, TypeElement> packageTypes(TypeElement type) {
        return packageTypes.computeIfAbsent(elements.getPackageOf(type), pkg -> {
            Map<String, TypeElement> types = new HashMap<>();
            for (Element member : pkg.getEnclosedElements()) {
                if (member instanceof TypeElement t) {
                    types.put(t.getSimpleName().toString(), t);
                }
            }
            return types;
        });
    }

    /**
     * Generated names must not collide with a type written in this compilation's sources or with
     * another spec's output; one error names every clashing class, and suggests what resolves it:
     * the mirror's name option only where the mirror is the one clash. A class file of that name (a
     * previous build's output) is replaced.
     */
    Problem clash(ModelSpec spec, TypeElement type) {
        PairKind kind = spec.kind();
        String mirrored = qualified(spec, spec.mirrorClassName());
        List<String> generatedElsewhere = new ArrayList<>();
        String other = null;
        List<String> existing = new ArrayList<>();
        for (String simple : spec.generatedClassNames()) {
            String qualified = qualified(spec, simple);
            TypeElement found = packageTypes(type).get(simple);
            if (sources.generatedBy(qualified) != null) {
                generatedElsewhere.add(qualified);
                other = sources.generatedBy(qualified);
            } else if (found != null && trees != null && trees.getPath(found) != null) {
                existing.add(qualified);
            }
        }
        if (!generatedElsewhere.isEmpty()) {
            String fix;
            if (generatedElsewhere.equals(List.of(mirrored))) {
                fix = "rename one interface or set " + kind.nameOption();
            } else {
                String otherBase = GeneratedNames.baseName(kind, other.substring(other.lastIndexOf('.') + 1));
                fix = otherBase.equals(spec.baseName())
                        ? "rename one interface: both give the base name '" + spec.baseName() + "' (a trailing '"
                                + kind.interfaceSuffix() + "' is dropped), which names the generated classes"
                        : "rename one interface";
            }
            return Problem.error(
                    Location.type(),
                    classes(generatedElsewhere) + (generatedElsewhere.size() == 1 ? " is" : " are")
                            + " also generated by another " + kind.annotation() + " spec, " + other + "; " + fix);
        }
        if (!existing.isEmpty()) {
            return Problem.error(
                    Location.type(),
                    classes(existing) + (existing.size() == 1 ? " clashes" : " clash")
                            + " with an existing type of that name; rename the interface"
                            + (existing.equals(List.of(mirrored)) ? " or set " + kind.nameOption() : ""));
        }
        return null;
    }

    private static String qualified(ModelSpec spec, String simple) {
        return spec.packageName().isEmpty() ? simple : spec.packageName() + "." + simple;
    }

    /** {@code generated class a.B}, {@code generated classes a.B, a.C and a.D}. */
    private static String classes(List<String> names) {
        if (names.size() == 1) {
            return "generated class " + names.get(0);
        }
        return "generated classes " + String.join(", ", names.subList(0, names.size() - 1)) + " and "
                + names.get(names.size() - 1);
    }
}
