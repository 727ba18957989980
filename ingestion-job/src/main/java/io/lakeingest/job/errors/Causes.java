package io.lakeingest.job.errors;

import java.util.Optional;
import java.util.function.Predicate;

/** Walks an exception's cause chain (the exception itself first). */
public final class Causes {
  private Causes() {}

  /** The first throwable in the chain that matches. */
  public static Optional<Throwable> find(Throwable e, Predicate<Throwable> test) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (test.test(t)) {
        return Optional.of(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  public static boolean any(Throwable e, Predicate<Throwable> test) {
    return find(e, test).isPresent();
  }

  /** The last throwable in the chain: the original failure. */
  public static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
