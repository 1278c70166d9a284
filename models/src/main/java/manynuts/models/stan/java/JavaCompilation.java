package manynuts.models.stan.java;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import manynuts.models.ModelException;
import manynuts.models.stan.runtime.CompiledProgram;

/**
 * Compiles generated Java source in memory with the JDK's compiler and loads the class, with nothing written to
 * disk. The generated code sees only the JDK and this module's runtime classes.
 */
public final class JavaCompilation {
    private JavaCompilation() {
    }

    /**
     * The compiled class {@code PACKAGE.className}.
     *
     * @throws ModelException when no compiler is available (a JRE) or the source does not compile
     */
    public static Class<? extends CompiledProgram> compile(String className, String source) {
        return define(className, compileToBytes(className, source));
    }

    /**
     * The class files of {@code PACKAGE.className}, by binary name.
     *
     * @throws ModelException when no compiler is available (a JRE) or the source does not compile
     */
    public static Map<String, byte[]> compileToBytes(String className, String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new ModelException("Stan programs are compiled to Java at run time, which needs a JDK; this Java ("
                    + System.getProperty("java.home") + ") has no compiler");
        }
        String qualified = JavaGenerator.PACKAGE + "." + className;
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null)) {
            JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                        FileObject sibling) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    classes.put(name, bytes);
                    return new SimpleJavaFileObject(uri(name, kind), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return bytes;
                        }
                    };
                }
            };
            JavaFileObject unit = new SimpleJavaFileObject(uri(qualified, JavaFileObject.Kind.SOURCE),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("-classpath", runtimeClassPath(), "-proc:none", "-g:none", "-nowarn",
                    "-XDuseUnsharedTable=true");
            StringWriter messages = new StringWriter();
            boolean ok = compiler.getTask(messages, memory, diagnostics, options, null, List.of(unit)).call();
            if (!ok) {
                StringBuilder why = new StringBuilder();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        why.append(" line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null));
                        break;
                    }
                }
                throw new ModelException("internal error: the Java generated for the program does not compile:"
                        + why.toString().replace('\n', ' '));
            }
        } catch (java.io.IOException e) {
            throw new ModelException("cannot compile the generated Java: " + e.getMessage(), e);
        }
        Map<String, byte[]> files = new HashMap<>();
        classes.forEach((name, bytes) -> files.put(name, bytes.toByteArray()));
        return files;
    }

    /** Loads {@code PACKAGE.className} from its class files, in a class loader of its own. */
    public static Class<? extends CompiledProgram> define(String className, Map<String, byte[]> files) {
        String qualified = JavaGenerator.PACKAGE + "." + className;
        ClassLoader loader = new ClassLoader(CompiledProgram.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] code = files.get(name);
                if (code == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, code, 0, code.length);
            }
        };
        try {
            return loader.loadClass(qualified).asSubclass(CompiledProgram.class);
        } catch (ClassNotFoundException e) {
            throw new ModelException("internal error: the generated class " + qualified + " was not produced", e);
        }
    }

    private static URI uri(String name, JavaFileObject.Kind kind) {
        try {
            return new URI("string:///" + name.replace('.', '/') + kind.extension);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** Where this module's classes are (a folder or a jar): all the generated code needs besides the JDK. */
    private static String runtimeClassPath() {
        try {
            return Path.of(CompiledProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return System.getProperty("java.class.path");
        }
    }
}
