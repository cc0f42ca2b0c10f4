package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.BlockSpec;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.ModelSpec;
import io.ganpoet.processor.model.PairKind;
import io.ganpoet.processor.model.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The names stage: every name a spec writes (block names, the mirror's class name) against what
 * {@link GeneratedNames} declares, each problem on the name's attribute. Pure.
 */
final class NameCheck {

    private final ModelSpec spec;
    private final List<Problem> problems;

    private NameCheck(ModelSpec spec, List<Problem> problems) {
        this.spec = spec;
        this.problems = problems;
    }

    static void check(ModelSpec spec, List<Problem> problems) {
        NameCheck check = new NameCheck(spec, problems);
        Map<String, String> taken = new HashMap<>();
        for (BlockSpec block : spec.stack().blocks()) {
            check.block(block, taken);
        }
        check.addedLayers();
        check.mirrorName();
    }

    private void block(BlockSpec block, Map<String, String> taken) {
        String name = block.name();
        Location location = block.at("name");
        String what = block.describe();
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            problems.add(Problem.error(
                    location,
                    what + ": name '" + name + "' is not a Java identifier; generated"
                            + " code uses it as a field name"));
            return;
        }
        if (name.length() > Limits.MAX_NAME) {
            problems.add(Problem.error(
                    location,
                    what + ": name '" + name.substring(0, 16) + "…' is " + name.length() + " characters long; at most "
                            + Limits.MAX_NAME));
            return;
        }
        if (GeneratedNames.PACKAGE_ROOTS.contains(name)) {
            problems.add(Problem.error(
                    location,
                    what + ": name '" + name + "' would hide the package '" + name
                            + "' that generated code names types from (a field and a package's first name share Java's"
                            + " namespace); choose another name"));
            return;
        }
        // A block's batch norm, mirror and mirror's batch norm are fields too; keep those unique.
        for (String derived : GeneratedNames.blockFields(name)) {
            if (GeneratedNames.BLOCK_CONSTANTS.contains(derived)) {
                problems.add(Problem.error(
                        location,
                        what + ": name '" + name + "' would declare the field '" + derived
                                + "', which generated blocks use for their own constant; choose another name"));
                return;
            }
            String previous = taken.putIfAbsent(derived, what);
            if (previous != null) {
                problems.add(Problem.error(
                        location,
                        what + ": name '" + name + "' clashes with " + previous + " (generated field '" + derived
                                + "'); give one of them another name"));
                return;
            }
        }
    }

    /** The layers ganpoet adds (a VAE's heads, a conditional GAN's label layers) and their constants. */
    private void addedLayers() {
        boolean variational = spec.variational();
        for (BlockSpec block : spec.stack().blocks()) {
            String name = block.name();
            if (variational && GeneratedNames.blockFields(GeneratedNames.HEADS).contains(name)) {
                problems.add(Problem.error(
                        block.at("name"),
                        "block name '" + name + "' is taken by the variational" + " encoder's Gaussian heads ('"
                                + GeneratedNames.HEADS + "'); choose another name"));
            } else if (spec.conditional()
                    && (name.equals(GeneratedNames.LABEL_MAPS) || name.equals(GeneratedNames.LABEL_EMBEDDING))) {
                problems.add(Problem.error(
                        block.at("name"),
                        block.describe() + ": name '" + name + "' is the name"
                                + " of a conditional GAN's label layer in the layer tables; choose another name"));
            } else if (spec.conditional() && name.equals(GeneratedNames.CLASSES)) {
                problems.add(Problem.error(
                        block.at("name"),
                        block.describe() + ": name '" + GeneratedNames.CLASSES
                                + "' would declare the field '" + GeneratedNames.CLASSES
                                + "', which a conditional GAN's blocks"
                                + " use for their number of classes; choose another name"));
            }
        }
    }

    /** The mirror's explicit class name: a simple name, none of the holder's constants, no other class of the pair. */
    private void mirrorName() {
        PairKind kind = spec.kind();
        String name = spec.mirror().name();
        if (name.isEmpty()) {
            return;
        }
        String role = kind.mirrorRole();
        Location at = kind.mirrorAt("name");
        Set<String> constants = GeneratedNames.holderConstants(kind, spec.conditional());
        if (!SourceVersion.isIdentifier(name)
                || SourceVersion.isKeyword(name)
                || GeneratedNames.RESTRICTED.contains(name)) {
            problems.add(Problem.error(
                    at,
                    role + " name '" + name + "' is not a simple Java class name; the " + role
                            + " is generated in the spec's package, so give a name without dots"));
        } else if (GeneratedNames.PACKAGE_ROOTS.contains(name)) {
            // A class of that name in the spec's package hides the package wherever the generated code
            // names a type by its qualified name (ai.djl..., io.ganpoet...).
            problems.add(Problem.error(
                    at,
                    role + " name '" + name + "' would hide the package '" + name
                            + "' that generated code names types from; choose another name"));
        } else if (constants.contains(name)) {
            problems.add(Problem.error(
                    at,
                    role + " name '" + name + "' is a constant of the generated "
                            + spec.holderClassName() + ", which refers to the " + role + " by its simple name; choose"
                            + " another name"));
        } else if (name.equals(spec.interfaceName())
                || name.equals(spec.stackClassName())
                || name.equals(spec.holderClassName())) {
            problems.add(Problem.error(
                    at,
                    role + " name '" + name + "' is taken by "
                            + (name.equals(spec.interfaceName())
                                    ? "the spec interface"
                                    : "another class ganpoet generates" + " from this spec")
                            + "; choose another name"));
        }
    }
}
