package io.newmankeyvault.newman;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Newman command line: {@code <newman> run <collection> --environment <hand-over>} and the
 * options the user passed after {@code --}, as given. Newman parses them itself; its guard ({@link
 * NewmanGuard}) checks what Newman made of them and of its rc files, and sends every file it writes
 * to the private directory first. Secrets never appear on it.
 *
 * @param newman the command that starts Newman, e.g. {@code [newman]} or {@code [npx, newman]}
 * @param collection the collection file
 * @param environment the hand-over path
 * @param passThrough the options after {@code --}, and those the tool adds for Newman ({@link
 *     RunnerArguments#forNewman})
 */
public record NewmanInvocation(
    List<String> newman, Path collection, Path environment, List<String> passThrough) {

  public NewmanInvocation {
    newman = List.copyOf(newman);
    passThrough = List.copyOf(passThrough);
  }

  /** The full argument list. */
  public List<String> arguments() {
    List<String> args = new ArrayList<>(newman);
    args.add("run");
    args.add(collection.toString());
    args.add("--environment");
    args.add(environment.toString());
    args.addAll(passThrough);
    return args;
  }
}
