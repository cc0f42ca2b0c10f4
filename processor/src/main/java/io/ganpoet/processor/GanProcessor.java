package io.ganpoet.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.TypeSpec;
import com.sun.source.util.Trees;
import io.ganpoet.processor.BlockWalker.SpecSite;
import io.ganpoet.processor.SpecReader.Read;
import io.ganpoet.processor.analysis.AutoencoderAnalysis;
import io.ganpoet.processor.analysis.GanAnalysis;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.EncoderSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.ModelSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.writer.AutoencoderWriter;
import io.ganpoet.processor.writer.GanWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * ganpoet's annotation processor. It only wires the stages: {@link BlockWalker} finds each spec's
 * annotations, {@link SpecReader} reads them into a {@link ModelSpec}, the model kind's analysis
 * checks it and plans the networks ({@link GanAnalysis} for {@code @Discriminator}), the kind's
 * writer emits the sources ({@link GanWriter}), and {@link ErrorReporter} puts every problem on its
 * block's line. A spec with errors generates nothing; other specs in the same compilation still do.
 * {@link LocalSpecs} reports specs declared inside methods, which javac hides from processors.
 *
 * <p>Option {@code -Aganpoet.summary=true} prints each spec's layer tables as a note.
 */
@AutoService(Processor.class)
public final class GanProcessor extends AbstractProcessor {

    /** Processor option that prints the layer tables. */
    public static final String SUMMARY_OPTION = "ganpoet.summary";

    /** Processor option that prints, at the end, how long the processor itself ran. */
    public static final String TIMING_OPTION = "ganpoet.timing";

    /** {@code java.lang} types generated code names by their simple names. */
    private static final List<String> JAVA_LANG = List.of("Override", "String", "Object", "IllegalArgumentException");

    private Elements elements;
    private ErrorReporter reporter;
    private SpecReader reader;
    private BlockWalker walker;
    private LocalSpecs localSpecs;
    private Trees trees;
    /** Qualified names written so far, and the spec each came from. */
    private final Map<String, String> written = new HashMap<>();
    /** Time spent in {@link #process}, and specs seen, for {@link #TIMING_OPTION}. */
    private long nanos;
    private final Timings timings = new Timings();
    /** Types per package, listed at most once a round. */
    private final Map<PackageElement, Map<String, TypeElement>> packageTypes = new HashMap<>();
    /** Whether {@code @javax.annotation.processing.Generated} is on the compilation's platform. */
    private Boolean generatedAvailable;
    private int specCount;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        elements = env.getElementUtils();
        try {
            trees = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            trees = null;
        }
        reporter = new ErrorReporter(env.getMessager(), trees);
        reader = new SpecReader(elements);
        walker = new BlockWalker(trees);
        localSpecs = trees == null ? null : new LocalSpecs(trees, reporter);
    }

    /**
     * Every annotation: javac then runs the processor on each compilation, so that {@link LocalSpecs}
     * can report a {@code @Discriminator} hidden in a method even where no other spec exists. The
     * processor claims nothing ({@link #process} returns {@code false}).
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(SUMMARY_OPTION, TIMING_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        long start = Timings.now();
        try {
            processRound(annotations, round);
        } finally {
            nanos += Timings.now() - start;
        }
        if (round.processingOver() && Boolean.parseBoolean(processingEnv.getOptions().get(TIMING_OPTION))) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            javax.tools.Diagnostic.Kind.NOTE,
                            String.format(
                                    java.util.Locale.ROOT,
                                    "ganpoet: %d spec(s), %.0f %s in the processor (%s)",
                                    specCount,
                                    nanos / 1e6,
                                    Timings.unit(),
                                    timings.format()));
        }
        return false;
    }

    private void processRound(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (localSpecs != null) {
            timings.time("local specs", () -> localSpecs.report(round.getRootElements()));
        }
        // The round's annotation types are elements already: no lookups by name (each one searches
        // every module of the compilation).
        Map<String, TypeElement> present = new HashMap<>();
        for (TypeElement annotation : annotations) {
            present.put(annotation.getQualifiedName().toString(), annotation);
        }
        packageTypes.clear();
        List<TypeElement> specs = new ArrayList<>();
        for (String kind : List.of(SpecReader.DISCRIMINATOR, SpecReader.ENCODER)) {
            TypeElement annotation = present.get(kind);
            if (annotation == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (specs.contains(element)) {
                    reporter.error(
                            element.getSimpleName() + " carries both @Discriminator and @Encoder; a spec interface"
                                    + " declares one model, so split it in two",
                            element);
                    specs.remove(element);
                    continue;
                }
                specs.add((TypeElement) element);
            }
        }
        if (specs.isEmpty()) {
            timings.time("stray blocks", () -> warnOnStrayBlocks(round, present, specs));
            return;
        }
        timings.time("stray blocks", () -> warnOnStrayBlocks(round, present, specs));
        specCount += specs.size();
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
    }

    private void warnOnStrayBlocks(RoundEnvironment round, Map<String, TypeElement> present, List<TypeElement> specs) {
        for (String name :
                List.of(SpecReader.CONV_BLOCK, SpecReader.CONV_BLOCKS, SpecReader.DENSE_BLOCK, SpecReader.DENSE_BLOCKS)) {
            TypeElement annotation = present.get(name);
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
                                            + " has no effect without @Discriminator or @Encoder on "
                                            + element.getSimpleName(),
                                    element);
                }
            }
        }
    }

    private void process(TypeElement type) {
        SpecSite site = timings.time("walk", () -> walker.walk(type, specMirror(type)));
        Read read = timings.time("read", () -> reader.read(site));
        for (Problem problem : read.problems()) {
            reporter.report(problem, site);
        }
        if (read.spec() != null) {
            read.spec().accept(new ModelSpec.Visitor<Void>() {
                @Override
                public Void gan(DiscriminatorSpec spec) {
                    processGan(spec, site);
                    return null;
                }

                @Override
                public Void autoencoder(EncoderSpec spec) {
                    processAutoencoder(spec, site);
                    return null;
                }
            });
        }
    }

    private void processGan(DiscriminatorSpec spec, SpecSite site) {
        GanAnalysis.Result plan = timings.time("analyse", () -> GanAnalysis.analyse(spec));
        emit(spec, site, new Analysed(plan.problems(), plan.hasErrors(), new Network[] {plan.discriminator(), plan.generator()},
                (generated, qualified) -> GanWriter.write(spec, plan, generated, qualified),
                () -> GanWriter.summary(plan)));
    }

    private void processAutoencoder(EncoderSpec spec, SpecSite site) {
        AutoencoderAnalysis.Result plan = timings.time("analyse", () -> AutoencoderAnalysis.analyse(spec));
        emit(spec, site, new Analysed(plan.problems(), plan.hasErrors(), new Network[] {plan.encoder(), plan.decoder()},
                (generated, qualified) -> AutoencoderWriter.write(spec, plan, generated, qualified),
                () -> AutoencoderWriter.summary(spec, plan)));
    }

    /** What a model kind's analysis hands to {@link #emit}: its problems, networks and writer. */
    private record Analysed(
            List<Problem> problems,
            boolean hasErrors,
            Network[] networks,
            java.util.function.BiFunction<AnnotationSpec, Set<String>, List<TypeSpec>> writer,
            java.util.function.Supplier<String> summary) {}

    /**
     * The steps every model kind shares after its analysis: name clashes, reporting, and (when no
     * error) writing the sources and the optional summary note.
     */
    private void emit(ModelSpec spec, SpecSite site, Analysed analysed) {
        TypeElement type = site.type();
        List<Problem> problems = new ArrayList<>(analysed.problems());
        if (!analysed.hasErrors()) {
            Problem clash = timings.time("name clashes", () -> nameClash(spec, type));
            if (clash != null) {
                problems.add(clash);
            }
        }
        for (Problem problem : problems) {
            reporter.report(problem, site);
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return;
        }
        Set<String> qualified = timings.time("names to qualify", () -> qualified(spec, type, analysed.networks()));
        List<TypeSpec> types = timings.time("JavaPoet specs", () -> analysed.writer().apply(generatedAnnotation(type), qualified));
        for (TypeSpec typeSpec : types) {
            timings.time("write files", () -> write(spec.packageName(), typeSpec, type));
        }
        if (Boolean.parseBoolean(processingEnv.getOptions().get(SUMMARY_OPTION))) {
            reporter.note("ganpoet: " + type.getQualifiedName() + "\n" + analysed.summary().get(), type);
        }
    }

    /** The type's spec annotation: {@code @Discriminator} or {@code @Encoder}. */
    private static AnnotationMirror specMirror(TypeElement type) {
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            String name = BlockWalker.qualifiedName(mirror);
            if (name.equals(SpecReader.DISCRIMINATOR) || name.equals(SpecReader.ENCODER)) {
                return mirror;
            }
        }
        throw new IllegalStateException("no @Discriminator or @Encoder on " + type);
    }

    /**
     * Simple names that generated sources must not use for a type, because in the generated class
     * they name a field, a generated or spec class, or a type of the spec's package that shadows
     * {@code java.lang}. JavaPoet writes such types qualified.
     */
    private Set<String> qualified(ModelSpec spec, TypeElement type, Network... networks) {
        Set<String> names = new TreeSet<>();
        for (Network network : networks) {
            names.add(network.className());
            for (Layer layer : network.layers()) {
                names.add(layer.name());
                names.add(layer.name() + "Norm");
            }
        }
        names.add(spec.interfaceName());
        names.addAll(spec.generatedClassNames());
        Map<String, TypeElement> inPackage = packageTypes(type);
        for (String name : JAVA_LANG) {
            if (inPackage.containsKey(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The types of {@code type}'s package by simple name, listed once a round. */
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
     * another spec's output; one error names every clashing class. A class file of that name (a
     * previous build's output) is replaced.
     */
    private Problem nameClash(ModelSpec spec, TypeElement type) {
        boolean gan = spec instanceof DiscriminatorSpec;
        String annotation = gan ? "@Discriminator" : "@Encoder";
        String nameOption = gan ? "@Generator(name = ...)" : "@Decoder(name = ...)";
        String mirrored = spec.generatedClassNames().get(1);
        List<String> generatedElsewhere = new ArrayList<>();
        String other = null;
        List<String> existing = new ArrayList<>();
        for (String simple : spec.generatedClassNames()) {
            String qualified = spec.packageName().isEmpty() ? simple : spec.packageName() + "." + simple;
            TypeElement found = packageTypes(type).get(simple);
            if (written.containsKey(qualified)) {
                generatedElsewhere.add(qualified);
                other = written.get(qualified);
            } else if (found != null && trees != null && trees.getPath(found) != null) {
                existing.add(qualified);
            }
        }
        if (!generatedElsewhere.isEmpty()) {
            return Problem.error(
                    Location.type(),
                    classes(generatedElsewhere) + (generatedElsewhere.size() == 1 ? " is" : " are")
                            + " also generated by another " + annotation + " spec, " + other
                            + "; rename one interface or set " + nameOption);
        }
        if (!existing.isEmpty()) {
            boolean generator = existing.stream().anyMatch(n -> n.endsWith("." + mirrored) || n.equals(mirrored));
            return Problem.error(
                    Location.type(),
                    classes(existing) + (existing.size() == 1 ? " clashes" : " clash")
                            + " with an existing type of that name; rename the interface"
                            + (generator ? " or set " + nameOption : ""));
        }
        return null;
    }

    /** {@code generated class a.B}, {@code generated classes a.B, a.C and a.D}. */
    private static String classes(List<String> names) {
        if (names.size() == 1) {
            return "generated class " + names.get(0);
        }
        return "generated classes " + String.join(", ", names.subList(0, names.size() - 1)) + " and "
                + names.get(names.size() - 1);
    }

    private AnnotationSpec generatedAnnotation(TypeElement type) {
        if (generatedAvailable == null) {
            ModuleElement compiler = elements.getModuleElement("java.compiler");
            generatedAvailable =
                    compiler == null
                            ? elements.getTypeElement("javax.annotation.processing.Generated") != null
                            : elements.getTypeElement(compiler, "javax.annotation.processing.Generated") != null;
        }
        if (!generatedAvailable) {
            return null;
        }
        return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                .addMember("value", "$S", GanProcessor.class.getName())
                .addMember("comments", "$S", "from " + type.getQualifiedName())
                .build();
    }

    private void write(String packageName, TypeSpec typeSpec, TypeElement origin) {
        typeSpec = typeSpec.toBuilder().addOriginatingElement(origin).build();
        String qualified = packageName.isEmpty() ? typeSpec.name : packageName + "." + typeSpec.name;
        written.put(qualified, origin.getQualifiedName().toString());
        JavaFile file =
                JavaFile.builder(packageName, typeSpec)
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
