package io.newmankeyvault.newman;

/**
 * Holds Newman's output back while it waits for its inputs: opened at the hand-over, the output
 * flows as before; discarded when the run ends before it (a failure, a signal), nothing of Newman's
 * aborted start is printed. Until then the bytes wait in the OS's pipe.
 */
final class OutputGate {
  private enum State {
    HELD,
    OPEN,
    DISCARDED
  }

  private State state;

  private OutputGate(State state) {
    this.state = state;
  }

  /** A gate that holds the output until {@link #open}. */
  static OutputGate held() {
    return new OutputGate(State.HELD);
  }

  /** Lets the output through; no effect once discarded. */
  synchronized void open() {
    if (state == State.HELD) {
      state = State.OPEN;
      notifyAll();
    }
  }

  /** Drops whatever Newman printed and will print, unless the gate is open already. */
  synchronized void discard() {
    if (state == State.HELD) {
      state = State.DISCARDED;
      notifyAll();
    }
  }

  /** Waits until the gate is opened or discarded; true when the output may pass. */
  synchronized boolean awaitOpen() throws InterruptedException {
    while (state == State.HELD) {
      wait();
    }
    return state == State.OPEN;
  }
}
