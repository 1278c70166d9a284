package manynuts.models.stan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import manynuts.models.ModelException;
import manynuts.models.StanJsonData;
import manynuts.models.stan.cuda.CudaGenerator;
import manynuts.models.stan.cuda.CudaProgram;
import manynuts.models.stan.ir.LoweredProgram;
import manynuts.models.stan.java.ClassCache;
import manynuts.models.stan.java.JavaCompilation;
import manynuts.models.stan.java.JavaGenerator;
import manynuts.models.stan.lower.ProgramLowering;
import manynuts.models.stan.runtime.CompiledProgram;
import manynuts.models.stan.runtime.StanReject;
import manynuts.models.stan.syntax.Program;
import manynuts.models.stan.syntax.SourceText;
import manynuts.models.stan.syntax.StanParser;

/**
 * Stan programs as models: parse, type-check and lower a program, generate Java for it, compile that in memory (once
 * per program text), and bind the compiled program to a data set.
 */
public final class StanModels {
    private static final Map<String, Class<? extends CompiledProgram>> COMPILED = new ConcurrentHashMap<>();
    private static final String COMPILER_BUILD = compilerBuild();

    private StanModels() {
    }

    /** Whether a model name names a Stan program file. */
    public static boolean isProgram(String model) {
        return model != null && model.strip().endsWith(".stan");
    }

    /** The program's text; a missing or unreadable file is one line. */
    public static String read(Path program) {
        try {
            return Files.readString(program, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelException(program + ": Stan program not found");
        } catch (IOException e) {
            throw new ModelException(program + ": cannot read the Stan program (" + e.getMessage() + ")");
        }
    }

    /** The model of a program file with a CmdStan JSON data file (null for none). */
    public static StanModel compile(Path program, Path data) {
        return compile(program.toString(), read(program), data);
    }

    /**
     * The model of a program's text.
     *
     * @param source the name errors cite (the file's path)
     * @param data   a CmdStan JSON data file, or null
     */
    public static StanModel compile(String source, String text, Path data) {
        Class<? extends CompiledProgram> compiled = compiled(source, text);
        JsonNode root = data == null ? null : StanJsonData.readObject(data);
        return new StanModel(programName(source), source, text, instantiate(compiled,
                new JsonDataSource(root, data == null ? "the data" : data.toString())));
    }

    /** The parsed, checked and lowered program (for {@code check} and tests). */
    public static LoweredProgram lower(String source, String text) {
        Program program = StanParser.parse(new SourceText(source, text));
        return ProgramLowering.lower(program, programName(source));
    }

    /** The Java generated for a program (for tests and for reading). */
    public static String javaSource(String source, String text) {
        return JavaGenerator.generate(lower(source, text), className(text));
    }

    /**
     * The CUDA C++ generated for a program's log density and gradient, its entries prefixed {@code stan_} and the
     * program's name made an identifier.
     */
    public static CudaProgram cudaProgram(String source, String text) {
        return CudaGenerator.generate(lower(source, text), "stan_" + programName(source).replaceAll("[^A-Za-z0-9_]", "_"));
    }

    private static Class<? extends CompiledProgram> compiled(String source, String text) {
        String key = className(text);
        Class<? extends CompiledProgram> cached = COMPILED.get(key);
        if (cached != null) {
            return cached;
        }
        Map<String, byte[]> files = ClassCache.load(key);
        if (files == null) {
            LoweredProgram lowered = lower(source, text);
            files = JavaCompilation.compileToBytes(key, JavaGenerator.generate(lowered, key));
            ClassCache.store(key, files);
        }
        Class<? extends CompiledProgram> compiled = JavaCompilation.define(key, files);
        COMPILED.put(key, compiled);
        return compiled;
    }

    private static CompiledProgram instantiate(Class<? extends CompiledProgram> compiled,
            manynuts.models.stan.runtime.DataSource data) {
        try {
            return compiled.getConstructor(manynuts.models.stan.runtime.DataSource.class).newInstance(data);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelException m) {
                throw m;
            }
            if (cause instanceof StanReject r) {
                throw new ModelException("the program rejected its data: " + r.getMessage());
            }
            if (cause instanceof OutOfMemoryError) {
                throw new ModelException("the program's data do not fit in memory");
            }
            throw new ModelException("the program failed while reading its data: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new ModelException("internal error: cannot build the compiled program: " + e, e);
        }
    }

    private static String compilerBuild() {
        try {
            Path code = Path.of(StanModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(code)) {
                return code + "|" + Files.size(code) + "|" + Files.getLastModifiedTime(code).toMillis();
            }
            // Classes in a folder (a development build): the newest of the compiler's class files.
            try (java.util.stream.Stream<Path> files = Files.walk(code.resolve("manynuts/models/stan"))) {
                long newest = 0;
                for (Path file : (Iterable<Path>) files::iterator) {
                    newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
                }
                return code + "|" + newest;
            }
        } catch (Exception e) {
            return "unknown build " + System.nanoTime();
        }
    }

    /** The program's name: its file name without {@code .stan}. */
    static String programName(String source) {
        String file = Path.of(source).getFileName().toString();
        return file.endsWith(".stan") ? file.substring(0, file.length() - 5) : file;
    }

    /**
     * A class name unique to the program text and to this build of the compiler (its code's location, size and
     * time), so that a class cached on disk by another build is never taken for this one's.
     */
    static String className(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(COMPILER_BUILD.getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
            return "Stan_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
