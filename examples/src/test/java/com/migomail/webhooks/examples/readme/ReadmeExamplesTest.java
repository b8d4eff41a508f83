package com.migomail.webhooks.examples.readme;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of the top-level README.md appears, line for line (up to a common
 * indentation), in a compiled file of the {@code readme} example packages or of the Spring Boot
 * example (module {@code examples/spring-boot}, which has a class path of its own), so README and
 * code cannot drift apart.
 */
class ReadmeExamplesTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final String PACKAGE = "com/migomail/webhooks/examples/readme";
    private static final String SPRING_BOOT = "spring-boot/src/main/java/com/migomail/webhooks/examples/springboot";

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheReadmeIsCompiledCode() {
        List<String> sources = sources();
        return javaBlocks(read(MODULE.resolve("../README.md"))).stream().map(block -> DynamicTest.dynamicTest(
                block.get(0).strip(), () -> assertThat(sources.stream().anyMatch(source -> appearsIn(block, source)))
                        .as("README block starting with '%s' is not in %s (main or test) nor in %s", block.get(0), PACKAGE,
                                SPRING_BOOT)
                        .isTrue()));
    }

    @Test
    void theReadmeHasJavaBlocksToCheck() {
        assertThat(javaBlocks(read(MODULE.resolve("../README.md")))).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void aBlockMatchesOnlyTheSameLinesUnderOneIndentation() {
        String source = "class A {\n    void f() {\n        int a = 1;\n\n        int b = 2;\n    }\n}\n";

        assertThat(appearsIn(List.of("int a = 1;", "", "int b = 2;"), source)).isTrue();
        assertThat(appearsIn(List.of("void f() {", "    int a = 1;"), source)).isTrue();
        assertThat(appearsIn(List.of("int a = 1;", "", "int b = 3;"), source)).isFalse();
        assertThat(appearsIn(List.of("int a = 1;", "int b = 2;"), source)).isFalse();
        assertThat(appearsIn(List.of("void f() {", "int a = 1;"), source)).isFalse();
        assertThat(appearsIn(List.of("a = 1;"), source)).isFalse();
    }

    @Test
    void findsTheJavaBlocksOfMarkdown() {
        String markdown = "text\n```java\nint a;\n  int b;\n```\n```xml\n<a/>\n```\n```java\nint c;\n```\n";

        assertThat(javaBlocks(markdown)).containsExactly(List.of("int a;", "  int b;"), List.of("int c;"));
    }

    static List<List<String>> javaBlocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.strip().equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null) {
                block.add(line.stripTrailing());
            }
        }
        return blocks;
    }

    /** Whether the block's lines are consecutive lines of the source, all indented by the same prefix. */
    static boolean appearsIn(List<String> block, String source) {
        List<String> lines = source.lines().map(String::stripTrailing).toList();
        for (int start = 0; start + block.size() <= lines.size(); start++) {
            String first = lines.get(start);
            if (first.endsWith(block.get(0)) && first.substring(0, first.length() - block.get(0).length()).isBlank()
                    && matchesFrom(block, lines, start, first.substring(0, first.length() - block.get(0).length()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesFrom(List<String> block, List<String> lines, int start, String indent) {
        for (int i = 0; i < block.size(); i++) {
            String expected = block.get(i).isEmpty() ? "" : indent + block.get(i);
            if (!lines.get(start + i).equals(expected)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> sources() {
        List<String> sources = new ArrayList<>();
        for (String folder : List.of("src/main/java/" + PACKAGE, "src/test/java/" + PACKAGE, SPRING_BOOT)) {
            try (Stream<Path> files = Files.list(MODULE.resolve(folder))) {
                files.filter(file -> file.toString().endsWith(".java")).map(ReadmeExamplesTest::read).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
