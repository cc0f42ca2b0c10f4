package io.ganpoet.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.TypeSpec;
import com.sun.source.util.Trees;
import io.ganpoet.processor.SpecReader.Read;
import io.ganpoet.processor.analysis.Mirror;
import io.ganpoet.processor.analysis.ShapeAnalysis;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.writer.BlockWriter;
import io.ganpoet.processor.writer.HolderWriter;
import io.ganpoet.processor.writer.LayerTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * ganpoet's annotation processor. It only wires the stages: {@link SpecReader} reads each
 * {@code @Discriminator} interface, {@link ShapeAnalysis} checks it, {@link Mirror} derives the
 * generator, the writers emit the sources, and {@link ErrorReporter} puts every problem on its
 * block's line. A spec with errors generates nothing; other specs in the same compilation still do.
 *
 * <p>Option {@code -Aganpoet.summary=true} prints each spec's layer tables as a note.
 */
@AutoService(Processor.class)
public final class GanProcessor extends AbstractProcessor {

    /** Processor option that prints the layer tables. */
    public static final String SUMMARY_OPTION = "ganpoet.summary";

    private Elements elements;
    private ErrorReporter reporter;
    private SpecReader reader;
    private Trees trees;
    /** Qualified names written so far, to catch two specs generating the same class. */
    private final Set<String> written = new HashSet<>();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        elements = env.getElementUtils();
        reporter = new ErrorReporter(env);
        reader = new SpecReader(elements);
        try {
            trees = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            trees = null;
        }
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(
                SpecReader.DISCRIMINATOR,
                SpecReader.CONV_BLOCK,
                SpecReader.CONV_BLOCKS,
                SpecReader.DENSE_BLOCK,
                SpecReader.DENSE_BLOCKS);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(SUMMARY_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement discriminator = elements.getTypeElement(SpecReader.DISCRIMINATOR);
        if (discriminator == null) {
            return false;
        }
        List<TypeElement> specs = new ArrayList<>();
        for (Element element : round.getElementsAnnotatedWith(discriminator)) {
            specs.add((TypeElement) element);
        }
        warnOnStrayBlocks(round, specs);
        for (TypeElement type : specs) {
            try {
                process(type);
            } catch (RuntimeException e) {
                // Never end a compilation in a stack trace: say what failed, on the spec.
                reporter.error(
                        "ganpoet: internal error while processing "
                                + type.getQualifiedName()
                                + ": "
                                + e
                                + " (please report this, with the spec)",
                        type);
            }
        }
        return true;
    }

    private void warnOnStrayBlocks(RoundEnvironment round, List<TypeElement> specs) {
        for (String name :
                List.of(SpecReader.CONV_BLOCK, SpecReader.CONV_BLOCKS, SpecReader.DENSE_BLOCK, SpecReader.DENSE_BLOCKS)) {
            TypeElement annotation = elements.getTypeElement(name);
            if (annotation == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (!specs.contains(element)) {
                    processingEnv
                            .getMessager()
                            .printMessage(
                                    javax.tools.Diagnostic.Kind.WARNING,
                                    "@"
                                            + annotation.getSimpleName()
                                            + " has no effect without @Discriminator on "
                                            + element.getSimpleName(),
                                    element);
                }
            }
        }
    }

    private void process(TypeElement type) {
        AnnotationMirror mirror = discriminatorMirror(type);
        Read read = reader.read(type, mirror);
        List<Problem> problems = new ArrayList<>(read.problems());
        DiscriminatorSpec spec = read.spec();
        ShapeAnalysis.Result analysis = null;
        if (spec != null) {
            analysis = ShapeAnalysis.analyse(spec);
            problems.addAll(analysis.problems());
            problems.addAll(nameClashes(spec));
        }
        for (Problem problem : problems) {
            reporter.report(problem, read.source());
        }
        if (spec == null || problems.stream().anyMatch(Problem::isError)) {
            return;
        }
        Network discriminatorNet = analysis.discriminator();
        Network generatorNet = Mirror.generator(spec, discriminatorNet);
        boolean probabilities = Mirror.endsInSigmoid(discriminatorNet);
        AnnotationSpec generated = generatedAnnotation(type);
        String source = type.getSimpleName().toString();
        write(spec, new BlockWriter(discriminatorNet, source, generated).write(), type);
        write(spec, new BlockWriter(generatorNet, source, generated).write(), type);
        write(spec, new HolderWriter(spec, discriminatorNet, generatorNet, probabilities, generated).write(), type);
        if (Boolean.parseBoolean(processingEnv.getOptions().get(SUMMARY_OPTION))) {
            reporter.note(
                    "ganpoet: "
                            + type.getQualifiedName()
                            + "\nDiscriminator "
                            + discriminatorNet.className()
                            + "\n"
                            + LayerTable.format(discriminatorNet)
                            + "Generator "
                            + generatorNet.className()
                            + "\n"
                            + LayerTable.format(generatorNet),
                    type);
        }
    }

    private static AnnotationMirror discriminatorMirror(TypeElement type) {
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (SpecReader.qualifiedName(mirror).equals(SpecReader.DISCRIMINATOR)) {
                return mirror;
            }
        }
        throw new IllegalStateException("no @Discriminator on " + type);
    }

    /**
     * Generated names must not collide with a type written in this compilation's sources or with
     * another spec's output. A class file of that name (a previous build's output) is replaced.
     */
    private List<Problem> nameClashes(DiscriminatorSpec spec) {
        List<Problem> clashes = new ArrayList<>();
        for (String simple : List.of(spec.discriminatorClassName(), spec.generatorClassName(), spec.holderClassName())) {
            String qualified = spec.packageName().isEmpty() ? simple : spec.packageName() + "." + simple;
            TypeElement existing = elements.getTypeElement(qualified);
            boolean fromSource = existing != null && trees != null && trees.getPath(existing) != null;
            if (written.contains(qualified)) {
                clashes.add(
                        Problem.error(
                                Location.type(),
                                "generated class "
                                        + qualified
                                        + " is also generated by another @Discriminator spec; rename one"
                                        + " interface or set @Generator(name = ...)"));
            } else if (fromSource) {
                clashes.add(
                        Problem.error(
                                Location.type(),
                                "generated class "
                                        + qualified
                                        + " clashes with an existing type of that name; rename the"
                                        + " interface"
                                        + (simple.equals(spec.generatorClassName())
                                                ? " or set @Generator(name = ...)"
                                                : "")));
            }
        }
        return clashes;
    }

    private AnnotationSpec generatedAnnotation(TypeElement type) {
        if (elements.getTypeElement("javax.annotation.processing.Generated") == null) {
            return null;
        }
        return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                .addMember("value", "$S", GanProcessor.class.getName())
                .addMember("comments", "$S", "from " + type.getQualifiedName())
                .build();
    }

    private void write(DiscriminatorSpec spec, TypeSpec typeSpec, TypeElement origin) {
        typeSpec = typeSpec.toBuilder().addOriginatingElement(origin).build();
        String qualified = spec.packageName().isEmpty() ? typeSpec.name : spec.packageName() + "." + typeSpec.name;
        written.add(qualified);
        JavaFile file =
                JavaFile.builder(spec.packageName(), typeSpec)
                        .addFileComment("Generated by ganpoet from $L. Do not edit.", origin.getQualifiedName())
                        .skipJavaLangImports(true)
                        .indent("    ")
                        .build();
        try {
            file.writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            reporter.error("ganpoet: could not write " + qualified + ": " + e.getMessage(), origin);
        }
    }
}
