package io.ganpoet.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.TypeSpec;
import com.sun.source.util.Trees;
import io.ganpoet.processor.BlockWalker.SpecSite;
import io.ganpoet.processor.SpecReader.Read;
import io.ganpoet.processor.analysis.PairAnalysis;
import io.ganpoet.processor.model.ModelSpec;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.writer.PairWriter;
import io.ganpoet.processor.writer.PyTorchWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * ganpoet's annotation processor. It only wires the stages: {@link BlockWalker} finds each spec's
 * annotations, {@link SpecReader} reads them into a {@link ModelSpec}, {@link PairAnalysis} checks
 * it and plans the stack and its mirror, {@link PackageNames} checks the generated names against
 * the compilation, {@link PairWriter} builds the sources and {@link SourceWriter} writes them, and
 * {@link ErrorReporter} puts every problem on its block's line. A spec with errors generates nothing; other specs in the same compilation still do.
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

    /** A type of the annotations jar, which must be on the processor path beside the processor. */
    private static final String ANNOTATIONS_PROBE = "io.ganpoet.spec.Discriminator";

    private ErrorReporter reporter;
    private SpecReader reader;
    private BlockWalker walker;
    private LocalSpecs localSpecs;
    private SourceWriter sources;
    private PackageNames names;
    /** The error to report instead of processing, when the processor path lacks a jar; else {@code null}. */
    private String brokenPath;
    /** Time spent in {@link #process}, and specs seen, for {@link #TIMING_OPTION}. */
    private long nanos;

    private final Timings timings = new Timings();
    private int specCount;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        Elements elements = env.getElementUtils();
        Trees trees;
        try {
            trees = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            trees = null;
        }
        reporter = new ErrorReporter(env.getMessager(), trees);
        brokenPath = missingAnnotationsJar();
        if (brokenPath != null) {
            return;
        }
        reader = new SpecReader(elements);
        walker = new BlockWalker(trees);
        localSpecs = trees == null ? null : new LocalSpecs(trees, reporter);
        sources = new SourceWriter(env.getFiler(), elements, reporter);
        names = new PackageNames(elements, trees, sources);
    }

    /**
     * The processor reads the spec annotations' own enums, so the annotations jar must be on the
     * processor path too (javac looks for processors there only). Without it the processor would
     * fail on its first spec with a {@code NoClassDefFoundError}; instead it says which jar is missing.
     */
    private static String missingAnnotationsJar() {
        try {
            Class.forName(ANNOTATIONS_PROBE, false, GanProcessor.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "ganpoet: the annotation processor path has ganpoet-processor but not ganpoet-annotations ("
                    + ANNOTATIONS_PROBE + " is missing); put the ganpoet-annotations jar on the processor path"
                    + " beside ganpoet-processor and javapoet (javac -processorpath, Maven"
                    + " annotationProcessorPaths)";
        }
    }

    /**
     * Every annotation: javac then runs the processor on each compilation, so that {@link LocalSpecs}
     * can report a spec hidden in a method even where no other spec exists. The
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
        if (brokenPath != null) {
            reporter.error(brokenPath);
            brokenPath = null; // once per compilation
            return false;
        }
        if (reader == null) {
            return false;
        }
        long start = Timings.now();
        try {
            processRound(annotations, round);
        } finally {
            nanos += Timings.now() - start;
        }
        if (round.processingOver()
                && Boolean.parseBoolean(processingEnv.getOptions().get(TIMING_OPTION))) {
            reporter.note(String.format(
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
        names.newRound();
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
            } catch (LinkageError e) {
                // A class missing from the processor path: say which, never a stack trace.
                reporter.error(
                        "ganpoet: the processor path lacks a class the processor needs (" + e.getMessage()
                                + "); put ganpoet-processor, ganpoet-annotations and javapoet of the same version"
                                + " on it",
                        type);
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
        for (String name : List.of(
                SpecReader.CONV_BLOCK, SpecReader.CONV_BLOCKS, SpecReader.DENSE_BLOCK, SpecReader.DENSE_BLOCKS)) {
            TypeElement annotation = present.get(name);
            if (annotation == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (!specs.contains(element)) {
                    reporter.warning(
                            "@" + annotation.getSimpleName() + " has no effect without @Discriminator or @Encoder on "
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
        ModelSpec spec = read.spec();
        if (spec == null) {
            return;
        }
        PairAnalysis.Plan plan = timings.time("analyse", () -> PairAnalysis.analyse(spec));
        boolean readErrors = read.problems().stream().anyMatch(Problem::isError);
        emit(spec, site, plan, readErrors);
    }

    /**
     * The steps after the analysis: name clashes, reporting, and (when no error) writing the sources
     * and the optional summary note.
     */
    private void emit(ModelSpec spec, SpecSite site, PairAnalysis.Plan plan, boolean readErrors) {
        TypeElement type = site.type();
        List<Problem> problems = new ArrayList<>(plan.problems());
        if (!plan.hasErrors() && !readErrors) {
            Problem clash = timings.time("name clashes", () -> names.clash(spec, type));
            if (clash != null) {
                problems.add(clash);
            }
        }
        for (Problem problem : problems) {
            reporter.report(problem, site);
        }
        if (readErrors || problems.stream().anyMatch(Problem::isError)) {
            return;
        }
        Set<String> qualified =
                timings.time("names to qualify", () -> names.qualified(spec, type, plan.stack(), plan.mirror()));
        List<TypeSpec> types = timings.time(
                "JavaPoet specs", () -> PairWriter.write(spec, plan, sources.generatedAnnotation(type), qualified));
        for (TypeSpec typeSpec : types) {
            timings.time("write files", () -> sources.write(spec.packageName(), typeSpec, type));
        }
        timings.time(
                "PyTorch twin",
                () -> sources.writeResource(
                        spec.packageName(),
                        PyTorchWriter.fileName(spec),
                        PyTorchWriter.write(spec, plan, type.getQualifiedName().toString()),
                        type));
        if (Boolean.parseBoolean(processingEnv.getOptions().get(SUMMARY_OPTION))) {
            reporter.note("ganpoet: " + type.getQualifiedName() + "\n" + PairWriter.summary(spec, plan), type);
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
}
