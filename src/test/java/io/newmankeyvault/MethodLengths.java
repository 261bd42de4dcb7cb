package io.newmankeyvault;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** The length in lines of every method and constructor of a source file, read by javac's parser. */
final class MethodLengths {
  private MethodLengths() {}

  /**
   * "File Class.method(line N)" to its lines, from its first line (annotations aside) to its last,
   * for every method with a body in {@code sources}.
   */
  static Map<String, Integer> of(List<Path> sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Map<String, Integer> lengths = new LinkedHashMap<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units =
          files.getJavaFileObjects(sources.toArray(Path[]::new));
      JavacTask task =
          (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, units);
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        LineMap lines = unit.getLineMap();
        String file = Path.of(unit.getSourceFile().toUri()).getFileName().toString();
        new TreePathScanner<Void, String>() {
          @Override
          public Void visitClass(ClassTree tree, String outer) {
            String name =
                outer.isEmpty()
                    ? tree.getSimpleName().toString()
                    : outer + "." + tree.getSimpleName();
            return super.visitClass(tree, name);
          }

          @Override
          public Void visitMethod(MethodTree method, String owner) {
            if (method.getBody() != null) {
              long first = lines.getLineNumber(positions.getStartPosition(unit, method.getBody()));
              long last = lines.getLineNumber(positions.getEndPosition(unit, method));
              long start = lines.getLineNumber(positions.getStartPosition(unit, method));
              lengths.put(
                  file + " " + owner + "." + method.getName() + "(line " + start + ")",
                  (int) (last - Math.min(first, start) + 1));
            }
            return super.visitMethod(method, owner);
          }
        }.scan(unit, "");
      }
    }
    return lengths;
  }
}
