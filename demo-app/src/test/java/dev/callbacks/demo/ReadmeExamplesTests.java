package dev.callbacks.demo;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.callbacks.core.CallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's Java true: every {@code ```java} block of {@code README.md} is compiled
 * against the starter, the complete example is run as an application, and the table of handler
 * methods matches {@link CallbackHandler}'s event methods, signatures included.
 *
 * <p>A block that starts with {@code package} is a complete compilation unit and is compiled as it
 * stands. Any other block is a snippet: a block starting with an annotation is compiled as a class
 * member, any other as the body of a method, with the imports and the names the README says the
 * snippets may assume ({@link #SNIPPET_IMPORTS}, {@link #SNIPPET_CONTEXT}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadmeExamplesTests {

    private static final Path README = Path.of("..", "README.md");

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);

    private static final Pattern PUBLIC_CLASS = Pattern.compile("(?m)^public class (\\w+)");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

    /** What the snippets may use without importing it: the complete example's imports and more. */
    static final String SNIPPET_IMPORTS = """
            import java.util.List;
            import java.util.Map;
            import java.util.regex.Pattern;
            import java.util.stream.Stream;

            import dev.callbacks.core.*;
            import dev.callbacks.core.agents.AgentExecutor;
            import dev.callbacks.core.handlers.*;
            import dev.callbacks.core.langsmith.*;
            import dev.callbacks.core.models.*;
            import dev.callbacks.core.parsers.*;
            import dev.callbacks.core.prompts.*;
            import dev.callbacks.core.runnables.Runnable;
            import dev.callbacks.core.runnables.RunnableLambda;
            import dev.callbacks.core.schema.*;
            import dev.callbacks.core.stream.*;
            import dev.callbacks.core.tracers.LangChainTracer;
            import io.micrometer.core.instrument.MeterRegistry;
            import org.jspecify.annotations.Nullable;

            import org.springframework.context.annotation.Bean;
            """;

    /** The names the README's snippets refer to, as the README introduces them. */
    static final String SNIPPET_CONTEXT = """
                ChatPromptTemplate prompt;
                FakeChatModel model;
                CallbackHandler printer;
                AgentExecutor agent;
                Runnable<Map<String, Object>, String> chain;
                Map<String, Object> input;
            """;

    @Test
    void everyJavaBlockCompilesAndTheCompleteExampleRuns(@TempDir Path work, CapturedOutput output) throws Exception {
        List<String> blocks = javaBlocks();
        assertThat(blocks).as("the README's Java blocks").hasSizeGreaterThanOrEqualTo(4);
        List<Path> sources = new ArrayList<>();
        String completeExample = null;
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            if (block.startsWith("package ")) {
                assertThat(completeExample).as("one complete example").isNull();
                completeExample = qualifiedName(block);
                sources.add(write(work, completeExample, block));
            }
            else {
                String name = "ReadmeSnippet" + (i + 1);
                sources.add(write(work, "readme." + name, snippetUnit(name, block)));
            }
        }
        assertThat(completeExample).as("a complete example, starting with its package").isNotNull();

        Path classes = Files.createDirectories(work.resolve("classes"));
        assertThat(compile(sources, classes)).as("compiler errors in README.md's Java blocks").isEmpty();

        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                getClass().getClassLoader())) {
            Class<?> application = loader.loadClass(completeExample);
            Method main = application.getMethod("main", String[].class);
            assertThat(main).isNotNull();
            try (ConfigurableApplicationContext context = new SpringApplication(application).run(
                    "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                    "--langchain.verbose=false", "--logging.level.dev.callbacks=WARN")) {
                assertThat(context.isActive()).isTrue();
            }
        }
        assertThat(output.getOut()).contains("start chain joke ")
            .contains("start prompt ChatPromptTemplate ")
            .contains("start parser StrOutputParser ")
            .containsPattern("\\w+ used \\d+ tokens")
            .contains("Why did the cat sit on the computer? To keep an eye on the mouse.");
    }

    @Test
    void theHandlerTableListsEveryEventMethodWithItsSignature() throws IOException {
        Map<String, List<String>> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(on\\w+)\\((.*?)\\)` \\|").matcher(Files.readString(README));
        while (row.find()) {
            List<String> types = new ArrayList<>();
            for (String parameter : row.group(2).split(", (?![^<]*>)")) {
                String withoutName = parameter.substring(0, parameter.lastIndexOf(' '));
                types.add(withoutName.replace("@Nullable ", "").replaceAll("<.*>", ""));
            }
            documented.put(row.group(1), types);
        }
        Map<String, List<String>> declared = new TreeMap<>();
        for (Method method : CallbackHandler.class.getMethods()) {
            if (method.getName().startsWith("on") && !Modifier.isStatic(method.getModifiers())) {
                declared.put(method.getName(),
                        Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList());
            }
        }

        assertThat(documented).isEqualTo(declared);
    }

    private static List<String> javaBlocks() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static String snippetUnit(String name, String block) {
        boolean member = block.stripLeading().startsWith("@");
        String body = member ? block : "    void snippet() throws Exception {\n" + block + "\n    }\n";
        return "package readme;\n\n" + SNIPPET_IMPORTS + "\n@SuppressWarnings(\"unused\")\nclass " + name + " {\n\n"
                + SNIPPET_CONTEXT + "\n" + body + "}\n";
    }

    private static String qualifiedName(String unit) {
        Matcher pkg = PACKAGE.matcher(unit);
        Matcher cls = PUBLIC_CLASS.matcher(unit);
        assertThat(pkg.find()).as("package of the complete example").isTrue();
        assertThat(cls.find()).as("public class of the complete example").isTrue();
        return pkg.group(1) + "." + cls.group(1);
    }

    private static Path write(Path work, String qualifiedName, String source) throws IOException {
        Path file = work.resolve("src").resolve(qualifiedName.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    private static List<String> compile(List<Path> sources, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-classpath",
                    System.getProperty("java.class.path"), "-d", classes.toString());
            compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
                        + diagnostic.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }
}
