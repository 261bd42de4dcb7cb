package io.newmankeyvault.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end tests the image check reruns on the image's Java runtime are named in a shell
 * array; failsafe runs nothing, silently, for a name that no longer exists. Every class and method
 * named there must exist.
 */
class ImageJavaTestsTest {
  private static final Pattern ARRAY = Pattern.compile("(?s)\\nimage_java_its=\\((.*?)\\n\\)");
  private static final Pattern NAME = Pattern.compile("'?([A-Z]\\w*IT)(?:#([\\w+]+))?'?");

  @Test
  void everyTestTheImageCheckNamesExists() throws ClassNotFoundException {
    Matcher array = ARRAY.matcher(Repo.read(".ci/image-check.d/60-its-on-image-java.sh"));
    assertThat(array.find()).as("image_java_its in 60-its-on-image-java.sh").isTrue();
    List<String> named = new ArrayList<>();
    for (String line : array.group(1).lines().toList()) {
      String code = line.strip();
      if (code.isEmpty() || code.startsWith("#")) {
        continue;
      }
      for (String word : code.split("\\s+")) {
        Matcher name = NAME.matcher(word);
        assertThat(name.matches()).as("a test name: %s", word).isTrue();
        Class<?> test = Class.forName(testClass(name.group(1)));
        List<String> methods =
            Arrays.stream(test.getDeclaredMethods()).map(Method::getName).toList();
        if (name.group(2) != null) {
          for (String method : name.group(2).split("\\+")) {
            assertThat(methods).as(name.group(1)).contains(method);
            named.add(name.group(1) + "#" + method);
          }
        } else {
          named.add(name.group(1));
        }
      }
    }
    assertThat(named).hasSizeGreaterThanOrEqualTo(10);
  }

  /** The test classes live in a few packages; the shell names them without one. */
  private static String testClass(String simpleName) throws ClassNotFoundException {
    for (String pkg : List.of("e2e", "ship", "keyvault")) {
      String name = "io.newmankeyvault." + pkg + "." + simpleName;
      try {
        Class.forName(name);
        return name;
      } catch (ClassNotFoundException e) {
        // the next package
      }
    }
    throw new ClassNotFoundException(simpleName);
  }
}
