package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.protocol.ProtocolChannel;
import dev.wsmon.core.protocol.ProtocolMessage;
import dev.wsmon.core.protocol.ProtocolOperation;
import dev.wsmon.wrapper.PayloadTemplate;
import dev.wsmon.wrapper.Scenario;
import dev.wsmon.wrapper.internal.TappedConnection;
import dev.wsmon.wrapper.internal.scenario.CompiledScenario.Node;
import dev.wsmon.wrapper.internal.scenario.ScenarioStats.Outcome;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The scenario of one connection, run on that connection's event loop: a new iteration from the
 * start of each session (or a resumed one with {@code onReconnect: continue}), one step at a time,
 * every step counted exactly once (ok, failed or timed out). Every field is touched on the loop
 * only; the stats are read by snapshots under their own lock.
 *
 * <p>A triggered session ({@link #triggered}) is one run of a scheduled call: one iteration started
 * by its trigger, ended by its last step or by the end of the connection's session (a pending step
 * fails with {@code closed}); its expect answers to the first message it matches that no older
 * triggered run on the connection claimed ({@link CallClaim}).
 */
final class ScenarioSession implements PayloadTemplate.Values {

  /** Most unconsumed received messages kept for the next expect; older ones are dropped. */
  static final int MAX_BUFFERED = 256;

  private static final class Frame {
    final List<Node> steps;
    final CompiledScenario.Repeat repeat;
    final long deadline;
    int index;
    long reps;

    Frame(List<Node> steps, CompiledScenario.Repeat repeat) {
      this.steps = steps;
      this.repeat = repeat;
      this.deadline =
          repeat != null && repeat.duration() != null
              ? System.nanoTime() + repeat.duration().toNanos()
              : 0;
    }
  }

  private final SessionHost host;
  private final Vertx vertx;
  private final Context loop;
  private final Connection connection;
  private final CompiledScenario scenario;
  private final Scenario.OnReconnect onReconnect;
  private final StepRecorder stats;
  private final TappedConnection tap;
  private final CallClaim claim;
  private Runnable detach;
  private MessageMatcher.Bound claimMatch;
  private Received claimedMessage;
  private Matcher claimedMatch;
  private RuntimeException matchError;
  private boolean connected;
  private final Map<String, String> feedRow;
  private final boolean protocolMode;
  private final Map<String, String> captures = new HashMap<>();
  private final ArrayDeque<Received> buffer = new ArrayDeque<>();
  private final ArrayDeque<Frame> stack = new ArrayDeque<>();
  private long received;
  private long previousExpectMark;
  private long seq;
  private long lastSendNanos = -1;
  private boolean live;
  private int gen;
  private int sessions;
  private boolean done;
  private boolean stopping;
  private boolean inIteration;
  private boolean iterationFailed;
  private Node pending;
  private boolean thinking;
  private long pendingStart;
  private long timer = -1;
  private long expectTimer = -1;
  private long expectDeadline;
  private final io.vertx.core.Handler<Long> onExpectTimer = id -> onExpectTimer();
  private MessageMatcher.Bound pendingMatch;
  private String lastSeen;
  private boolean advancing;
  private boolean again;

  ScenarioSession(
      SessionHost host,
      Vertx vertx,
      Context loop,
      Connection connection,
      CompiledScenario scenario,
      StepRecorder stats,
      Map<String, String> feedRow) {
    this(host, vertx, loop, connection, scenario, stats, feedRow, null, null);
  }

  private ScenarioSession(
      SessionHost host,
      Vertx vertx,
      Context loop,
      Connection connection,
      CompiledScenario scenario,
      StepRecorder stats,
      Map<String, String> feedRow,
      TappedConnection tap,
      CallClaim claim) {
    this.host = host;
    this.vertx = vertx;
    this.loop = loop;
    this.connection = connection;
    this.scenario = scenario;
    this.onReconnect =
        scenario == null || claim != null
            ? Scenario.OnReconnect.STOP
            : scenario.scenario().getOnReconnect();
    this.stats = stats;
    this.feedRow = feedRow;
    this.tap = tap;
    this.claim = claim;
    // a triggered run sees the wire text, as a scheduled call always did
    this.protocolMode = claim == null && connection.protocolChannel() != null;
  }

  /** One run of a scheduled call on {@code tap}, started by {@link #startRun}. */
  static ScenarioSession triggered(
      SessionHost host,
      Vertx vertx,
      Context loop,
      TappedConnection tap,
      CompiledScenario scenario,
      StepRecorder stats,
      CallClaim claim) {
    return new ScenarioSession(host, vertx, loop, tap, scenario, stats, null, tap, claim);
  }

  StepRecorder recorder() {
    return stats;
  }

  /**
   * Starts a triggered run now, on the loop, after its observer was added ({@code detach} removes
   * it when the run ends). A run whose first step is an action starts whatever the connection's
   * state (the action decides); its expect then fails with {@code not connected} unless the
   * connection is up by then.
   *
   * @return false, and nothing runs, when the connection is not up and the run starts with a send
   */
  boolean startRun(Runnable detach) {
    this.detach = detach;
    connected = isUp(connection.state());
    if (!connected && !(scenario.steps().get(0) instanceof CompiledScenario.Act)) {
      done = true;
      detach.run();
      return false;
    }
    live = true;
    gen++;
    sessions = 1;
    startIteration();
    for (Node node : scenario.steps()) {
      if (node instanceof CompiledScenario.Expect e) {
        claimMatch = e.matcher().bind(this);
        break;
      }
    }
    advance();
    return true;
  }

  /** Ends a triggered run still in flight: its pending step fails with {@code closed}. */
  void abortRun() {
    if (live) {
      sessionEnd();
    }
  }

  private static boolean isUp(ConnectionState state) {
    // DEGRADED (a failed monitor probe) is still the same live session
    return state == ConnectionState.CONNECTED || state == ConnectionState.DEGRADED;
  }

  String connectionId() {
    return connection.id();
  }

  String group() {
    return connection.group();
  }

  ConnectionState state() {
    return connection.state();
  }

  void stopOnLoop() {
    loop.runOnContext(v -> stop());
  }

  @Override
  public int conn() {
    return host.numberOf(connection);
  }

  @Override
  public long seq() {
    return seq;
  }

  @Override
  public String capture(String name) {
    return captures.get(name);
  }

  @Override
  public String feed(String column) {
    return feedRow == null ? null : feedRow.get(column);
  }

  void onState(ConnectionState state) {
    boolean up = isUp(state);
    if (claim != null) {
      if (up) {
        connected = true;
      } else if (connected && live) {
        sessionEnd();
      }
      return;
    }
    if (up && !live) {
      sessionStart();
    } else if (!up && live) {
      sessionEnd();
    }
  }

  void onText(String text) {
    Received message = new Received(text, received++);
    if (claim != null) {
      offerToRun(message);
      return;
    }
    host.received(message, this);
    if (!protocolMode) {
      offer(message);
    }
  }

  /** Under a protocol, expects see its application messages with a channel, not the wire text. */
  void onProtocolMessage(ProtocolMessage m) {
    offer(new Received(m.payload() == null ? "" : m.payload(), received++, m.channel()));
  }

  private void offer(Received message) {
    if (!live) {
      return;
    }
    if (pendingMatch != null && pending instanceof CompiledScenario.Expect e) {
      lastSeen = seen(message);
      Matcher m = pendingMatch.test(message);
      if (m != null) {
        pending = null;
        pendingMatch = null;
        matched(e, message, m, pendingStart);
        advance();
        return;
      }
    }
    buffer.addLast(message);
    if (buffer.size() > MAX_BUFFERED) {
      buffer.pollFirst();
    }
  }

  /**
   * A triggered run takes the first message its expect matches (also before the expect starts: the
   * run waits from its start), unless an older run on the connection claimed it.
   */
  private void offerToRun(Received message) {
    if (!live || claimMatch == null || claimedMessage != null || matchError != null) {
      return;
    }
    lastSeen = seen(message);
    long index = tap.textCount();
    if (claim.taken(index)) {
      return;
    }
    Matcher m;
    try {
      m = claimMatch.test(message);
    } catch (RuntimeException ex) {
      if (pending instanceof CompiledScenario.Expect e) {
        pending = null;
        pendingMatch = null;
        end(e.name(), Outcome.FAILED, -1, "expect failed: " + ex.getMessage());
        advance();
      } else {
        matchError = ex;
      }
      return;
    }
    if (m == null) {
      return;
    }
    claim.take(index);
    if (pendingMatch != null && pending instanceof CompiledScenario.Expect e) {
      pending = null;
      pendingMatch = null;
      matched(e, message, m, pendingStart);
      advance();
    } else {
      claimedMessage = message;
      claimedMatch = m;
    }
  }

  /** The run is ending: no new step starts; a pending wait or think ends now. */
  void stop() {
    stopping = true;
    if (thinking || pending instanceof CompiledScenario.Wait) {
      cancelTimer();
      if (pending instanceof CompiledScenario.Wait w) {
        end(w.name(), Outcome.OK, System.nanoTime() - pendingStart, null);
      }
      pending = null;
      thinking = false;
    }
    advance();
  }

  private void sessionStart() {
    live = true;
    gen++;
    sessions++;
    buffer.clear();
    previousExpectMark = received;
    lastSendNanos = -1;
    if (done || stopping || scenario == null) {
      return;
    }
    if (sessions > 1 && onReconnect == Scenario.OnReconnect.STOP) {
      done = true;
      return;
    }
    if (!(inIteration && onReconnect == Scenario.OnReconnect.CONTINUE)) {
      startIteration();
    }
    advance();
  }

  private void sessionEnd() {
    live = false;
    gen++;
    cancelTimer();
    thinking = false;
    pendingMatch = null;
    if (pending != null) {
      Node node = pending;
      pending = null;
      end(nameOf(node), Outcome.FAILED, -1, "closed");
    }
    if (inIteration && (onReconnect != Scenario.OnReconnect.CONTINUE || stopping)) {
      endIteration(true);
    }
  }

  private void startIteration() {
    stack.clear();
    stack.push(new Frame(scenario.steps(), null));
    captures.clear();
    inIteration = true;
    iterationFailed = false;
    stats.iterationStarted();
  }

  private void endIteration(boolean cut) {
    inIteration = false;
    stack.clear();
    if (claim != null) {
      done = true;
      live = false;
      gen++;
      cancelTimer();
      detach.run();
    }
    stats.iterationEnded(iterationFailed, cut);
  }

  private void advance() {
    if (advancing) {
      again = true;
      return;
    }
    advancing = true;
    try {
      do {
        again = false;
        step();
      } while (again);
    } finally {
      advancing = false;
    }
  }

  private void step() {
    if (!live || pending != null || thinking || !inIteration) {
      return;
    }
    if (stopping) {
      endIteration(true);
      return;
    }
    Frame frame = stack.peek();
    if (frame.index >= frame.steps.size()) {
      if (frame.repeat == null) {
        endIteration(false);
        return;
      }
      frame.reps++;
      if (more(frame)) {
        frame.index = 0;
        long think = frame.repeat.think().sampleNanos();
        if (think > 0) {
          think(think);
        } else {
          again = true;
        }
      } else {
        stack.pop();
        again = true;
      }
      return;
    }
    Node node = frame.steps.get(frame.index++);
    if (node instanceof CompiledScenario.Repeat r) {
      stack.push(new Frame(r.steps(), r));
      again = true;
    } else if (node instanceof CompiledScenario.Send s) {
      send(s);
    } else if (node instanceof CompiledScenario.Expect e) {
      expect(e);
    } else if (node instanceof CompiledScenario.Wait w) {
      waitFor(w);
    } else if (node instanceof CompiledScenario.Close c) {
      close(c);
    } else if (node instanceof CompiledScenario.Operation o) {
      operate(o);
    } else if (node instanceof CompiledScenario.Act a) {
      act(a);
    }
  }

  private static boolean more(Frame frame) {
    CompiledScenario.Repeat r = frame.repeat;
    if (r.forever()) {
      return true;
    }
    if (r.duration() != null) {
      return System.nanoTime() - frame.deadline < 0;
    }
    return frame.reps < r.count();
  }

  private void think(long nanos) {
    thinking = true;
    int g = gen;
    timer =
        vertx.setTimer(
            Math.max(1, nanos / 1_000_000),
            id -> {
              if (g == gen && thinking) {
                timer = -1;
                thinking = false;
                advance();
              }
            });
  }

  private void send(CompiledScenario.Send s) {
    stats.stepStarted(s.name());
    long t0 = System.nanoTime();
    lastSendNanos = t0;
    seq++;
    String text;
    try {
      text = s.text() == null ? s.literal() : s.text().render(this);
    } catch (IllegalStateException e) {
      end(s.name(), Outcome.FAILED, -1, "send failed: " + e.getMessage());
      again = true;
      return;
    }
    pending = s;
    int g = gen;
    Future<Void> sent =
        text != null ? connection.sendText(text) : connection.sendBinary(Buffer.buffer(s.binary()));
    sent.onComplete(
        ar -> {
          if (g != gen || pending != s) {
            return;
          }
          pending = null;
          if (ar.succeeded()) {
            end(s.name(), Outcome.OK, System.nanoTime() - t0, null);
          } else {
            end(s.name(), Outcome.FAILED, -1, "send failed: " + ar.cause().getMessage());
          }
          advance();
        });
  }

  /**
   * A protocol step: an emit or a STOMP send takes the next {@code seq}; a subscribe does not, but
   * like them it starts the latency of the next expect. With a reply, the step ends with the ack or
   * receipt.
   */
  private void operate(CompiledScenario.Operation o) {
    stats.stepStarted(o.name());
    long t0 = System.nanoTime();
    lastSendNanos = t0;
    if (o.kind().hasReply()) {
      seq++;
    }
    ProtocolChannel channel = connection.protocolChannel();
    ProtocolOperation op;
    try {
      if (channel == null) {
        throw new IllegalStateException("the connection speaks no protocol");
      }
      op = o.render(this);
    } catch (RuntimeException e) {
      end(o.name(), Outcome.FAILED, -1, "send failed: " + e.getMessage());
      again = true;
      return;
    }
    pending = o;
    int g = gen;
    Future<?> done = o.reply() ? channel.request(op, o.timeout()) : channel.send(op);
    done.onComplete(
        ar -> {
          if (g != gen || pending != o) {
            return;
          }
          pending = null;
          if (ar.succeeded()) {
            end(o.name(), Outcome.OK, System.nanoTime() - t0, null);
          } else {
            String why = String.valueOf(ar.cause().getMessage());
            boolean timedOut = o.reply() && why.contains("timed out");
            end(
                o.name(),
                timedOut ? Outcome.TIMED_OUT : Outcome.FAILED,
                -1,
                timedOut ? why : "send failed: " + why);
          }
          advance();
        });
  }

  /**
   * Runs a Java function with the connection, like a send: it starts the latency and the timeout of
   * the next expect. Its future decides: ok, failed with its reason, or timed out after {@code
   * timeout}.
   */
  private void act(CompiledScenario.Act a) {
    stats.stepStarted(a.name());
    long t0 = System.nanoTime();
    lastSendNanos = t0;
    pending = a;
    int g = gen;
    timer =
        vertx.setTimer(
            Math.max(1, a.timeout().toMillis()),
            id -> {
              if (g == gen && pending == a) {
                timer = -1;
                pending = null;
                end(
                    a.name(),
                    Outcome.TIMED_OUT,
                    -1,
                    "the action did not complete within " + a.timeout().toMillis() + " ms");
                advance();
              }
            });
    Future<?> done;
    try {
      done = a.action().run(connection);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    if (done == null) {
      done = Future.failedFuture("the action returned null");
    }
    done.onComplete(ar -> onLoop(() -> acted(a, g, ar, t0)));
  }

  private void acted(CompiledScenario.Act a, int g, AsyncResult<?> ar, long t0) {
    if (g != gen || pending != a) {
      return;
    }
    pending = null;
    cancelTimer();
    if (ar.succeeded()) {
      end(a.name(), Outcome.OK, System.nanoTime() - t0, null);
    } else {
      end(a.name(), Outcome.FAILED, -1, "action failed: " + ar.cause().getMessage());
    }
    advance();
  }

  private void onLoop(Runnable task) {
    if (Vertx.currentContext() == loop) {
      task.run();
    } else {
      loop.runOnContext(v -> task.run());
    }
  }

  private static String seen(Received message) {
    String text = Received.shorten(message.text);
    return message.channel == null ? text : "(" + message.channel + ") " + text;
  }

  private void expect(CompiledScenario.Expect e) {
    if (claim != null) {
      expectClaimed(e);
      return;
    }
    stats.stepStarted(e.name());
    while (!buffer.isEmpty() && buffer.peekFirst().index < previousExpectMark) {
      buffer.pollFirst();
    }
    previousExpectMark = received;
    long t0 = lastSendNanos >= 0 ? lastSendNanos : System.nanoTime();
    MessageMatcher.Bound bound;
    try {
      bound = e.matcher().bind(this);
    } catch (RuntimeException ex) {
      end(e.name(), Outcome.FAILED, -1, "cannot build the match: " + ex.getMessage());
      again = true;
      return;
    }
    lastSeen = null;
    for (Iterator<Received> it = buffer.iterator(); it.hasNext(); ) {
      Received message = it.next();
      lastSeen = seen(message);
      Matcher m = bound.test(message);
      if (m != null) {
        it.remove();
        matched(e, message, m, t0);
        again = true;
        return;
      }
    }
    awaitMatch(e, bound, t0);
  }

  /** Leaves {@code e} pending on {@code match} until a message matches or its timeout fires. */
  private void awaitMatch(CompiledScenario.Expect e, MessageMatcher.Bound match, long t0) {
    pending = e;
    pendingMatch = match;
    pendingStart = t0;
    expectDeadline = System.nanoTime() + e.timeout().toNanos();
    if (expectTimer < 0) {
      armExpectTimer(e.timeout().toNanos());
    }
  }

  /** A triggered run's expect: the message it claimed since its start, or the next it claims. */
  private void expectClaimed(CompiledScenario.Expect e) {
    stats.stepStarted(e.name());
    long t0 = lastSendNanos >= 0 ? lastSendNanos : System.nanoTime();
    if (!connected) {
      end(e.name(), Outcome.FAILED, -1, "not connected");
      again = true;
      return;
    }
    if (matchError != null) {
      end(e.name(), Outcome.FAILED, -1, "expect failed: " + matchError.getMessage());
      again = true;
      return;
    }
    if (claimedMessage != null) {
      matched(e, claimedMessage, claimedMatch, t0);
      again = true;
      return;
    }
    awaitMatch(e, claimMatch, t0);
  }

  /**
   * One timer per session serves every expect: it is not cancelled on a match but re-armed for what
   * is left when it fires early, so a flood of quick matches creates no timer per message.
   */
  private void armExpectTimer(long nanos) {
    expectTimer = vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), onExpectTimer);
  }

  private void onExpectTimer() {
    expectTimer = -1;
    if (!live || pendingMatch == null || !(pending instanceof CompiledScenario.Expect e)) {
      return;
    }
    long left = expectDeadline - System.nanoTime();
    if (left > 0) {
      armExpectTimer(left);
      return;
    }
    pending = null;
    pendingMatch = null;
    end(
        e.name(),
        Outcome.TIMED_OUT,
        -1,
        "timeout after "
            + e.timeout().toMillis()
            + " ms: "
            + (lastSeen == null
                ? "no message received"
                : "no match, last message seen: " + lastSeen));
    advance();
  }

  private void matched(CompiledScenario.Expect e, Received message, Matcher regex, long t0) {
    for (CompiledScenario.Capture c : e.captures()) {
      String value = null;
      if (c.path() != null) {
        JsonObject json = message.json();
        Object v = json == null ? null : Received.at(json, c.path());
        value = v == null ? null : v instanceof JsonObject o ? o.encode() : String.valueOf(v);
      } else if (regex != MessageMatcher.NO_REGEX && c.group() <= regex.groupCount()) {
        value = regex.group(c.group());
      }
      if (value == null) {
        end(
            e.name(),
            Outcome.FAILED,
            -1,
            "capture '"
                + c.name()
                + "' not found in the matched message: "
                + Received.shorten(message.text));
        return;
      }
      captures.put(c.name(), value);
    }
    end(e.name(), Outcome.OK, System.nanoTime() - t0, null);
  }

  private void waitFor(CompiledScenario.Wait w) {
    stats.stepStarted(w.name());
    long nanos = w.time().sampleNanos();
    long t0 = System.nanoTime();
    if (nanos <= 0) {
      end(w.name(), Outcome.OK, 0, null);
      again = true;
      return;
    }
    pending = w;
    pendingStart = t0;
    int g = gen;
    timer =
        vertx.setTimer(
            Math.max(1, nanos / 1_000_000),
            id -> {
              if (g == gen && pending == w) {
                timer = -1;
                pending = null;
                end(w.name(), Outcome.OK, System.nanoTime() - t0, null);
                advance();
              }
            });
  }

  private void close(CompiledScenario.Close c) {
    stats.stepStarted(c.name());
    end(c.name(), Outcome.OK, -1, null);
    endIteration(false);
    done = true;
    host.closedByScenario(this);
    connection.close(c.code(), c.reason());
  }

  private void end(String name, Outcome outcome, long latencyNanos, String reason) {
    stats.stepEnded(name, outcome, latencyNanos);
    if (host.isCheck(name)) {
      stats.check(name, outcome == Outcome.OK);
    }
    if (outcome != Outcome.OK) {
      iterationFailed = true;
      host.stepFailed(this, name, outcome.name().toLowerCase().replace('_', ' '), reason);
    }
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (expectTimer >= 0 && !live) {
      vertx.cancelTimer(expectTimer);
      expectTimer = -1;
    }
  }

  static String nameOf(Node node) {
    if (node instanceof CompiledScenario.Send s) {
      return s.name();
    }
    if (node instanceof CompiledScenario.Expect e) {
      return e.name();
    }
    if (node instanceof CompiledScenario.Wait w) {
      return w.name();
    }
    if (node instanceof CompiledScenario.Operation o) {
      return o.name();
    }
    if (node instanceof CompiledScenario.Act a) {
      return a.name();
    }
    return ((CompiledScenario.Close) node).name();
  }
}
