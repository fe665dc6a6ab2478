#!/usr/bin/env python3
"""bench/profile/buckets.py FILE.jfr [CPU_US_PER_MESSAGE] ...: attributes each event-loop sample to the innermost listed frame on its stack (the bucket's own cost,
excluding deeper buckets); prints % of samples and ns/msg at the given CPU us/msg."""
import json, subprocess, sys, collections
BUCKETS = [
  # (label, class.method suffix)
  ('selector / event loop', 'SingleThreadIoEventLoop.run'),
  ('task queue (runOnContext, timers)', 'SingleThreadEventExecutor.runAllTasks'),
  ('netty read: decode frames', 'ByteToMessageDecoder.channelRead'),
  ('wsmon ReadClock (one clock read per socket read)', 'ReadClock.channelRead'),
  ('vertx: frame to message, dispatch', 'VertxHandler.channelRead'),
  ('vertx: text decode (String)', 'AbstractByteBuf.toString'),
  ('flush at read complete (socket write)', 'HeadContext.channelReadComplete'),
  ('vertx writeTextMessage (encode, promise, pipeline)', 'WebSocketImplBase.writeTextMessage'),
  ('writeQueueFull (lock)', 'WebSocketImplBase.writeQueueFull'),
  ('write completion: Vert.x future dispatch', 'FutureBase.emitResult'),
  ('write completion: netty promise', 'ChannelOutboundBuffer.remove'),
  ('raw client handler', 'RawClient$Loop.lambda$flood$2'),
  ('wsmon message handler (socket -> ReceivePath)', 'ConnectionLifecycle.lambda$onOpen$4'),
  ('wsmon ReceivePath.onText (count, length)', 'ReceivePath.onText'),
  ('wsmon correlator match', 'RequestCorrelator.replyToOldest'),
  ('wsmon RTT histogram record', 'IntervalHistogram.recordNanos'),
  ('wsmon flush: interval histogram hand-over', 'IntervalHistogram.take'),
  ('wsmon SendQueue.complete (write accounting)', 'SendQueue.complete'),
  ('wsmon write accounting per batch', 'PendingWrites.complete'),
  ('wsmon SenderLane (window, next send)', 'SenderLane$Sender.complete'),
  ('wsmon request: correlator add', 'RequestCorrelator.add'),
  ('wsmon request: ConnectionImpl.doRequest', 'ConnectionImpl.doRequest'),
  ('wsmon SendQueue.offer/write', 'SendQueue.offer'),
  ('wsmon payload render', 'Template.render'),
  ('wsmon flush (takeDelta, publish)', 'ConnectionVerticle.flush'),
  ('wsmon tick', 'ConnectionVerticle.tick'),
  ('tracker', 'StatsTrackerVerticle'),
  ('event bus', 'EventBusImpl'),
]
def load(p):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '64', '--events', 'jdk.ExecutionSample', p],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)['recording']['events']
def key(f):
    return f['method']['type']['name'].split('/')[-1] + '.' + f['method']['name']
def run(p):
    c = collections.Counter(); n = 0
    for e in load(p):
        tn = e['values']['sampledThread'].get('javaName') or ''
        if 'eventloop' not in tn: continue
        st = e['values'].get('stackTrace')
        if not st or not st['frames']: continue
        n += 1
        lab = 'other (outside these frames)'
        for f in st['frames']:
            k = key(f)
            hit = None
            for l, m in BUCKETS:
                if k.endswith(m) or (m == 'StatsTrackerVerticle' and 'tracker' in f['method']['type']['name']) or (m == 'EventBusImpl' and 'eventbus' in f['method']['type']['name']):
                    hit = l; break
            if hit: lab = hit; break
        c[lab] += 1
    return c, n
# arguments: FILE.jfr [CPU_US_PER_MESSAGE] ... (ns per message = share of samples x CPU per message)
args = sys.argv[1:]
cols = []
i = 0
while i < len(args):
    us = float(args[i + 1]) if i + 1 < len(args) and not args[i + 1].endswith('.jfr') else 1.0
    c, n = run(args[i]); cols.append((args[i], c, n, us))
    i += 2 if i + 1 < len(args) and not args[i + 1].endswith('.jfr') else 1
labels = [l for l, _ in BUCKETS] + ['other (outside these frames)']
print('| where | ' + ' | '.join(f'{p.split("/")[-1]} % / ns' for p, *_ in cols) + ' |')
for l in labels:
    if all(c[l] == 0 for _, c, _, _ in cols): continue
    print(f'| {l} | ' + ' | '.join(f'{c[l]/n*100:.1f} % / {c[l]/n*u*1000:.0f}' for _, c, n, u in cols) + ' |')
own = [l for l in labels if l.startswith('wsmon') or l == 'tracker']
print('| **wsmon\'s own stages together** | ' + ' | '.join(
    f'{sum(c[l] for l in own)/n*100:.1f} % / {sum(c[l] for l in own)/n*u*1000:.0f}' for _, c, n, u in cols) + ' |')
print('| samples | ' + ' | '.join(str(n) for _, _, n, _ in cols) + ' |')
