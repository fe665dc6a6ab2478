// A Socket.IO 4 server for wsmon's protocol tests. Prints "PORT <n>" when listening.
// GET /stats answers what the server saw. Auth token "secret" is required.
// NEWS_AFTER_ECHO=1: every echo is followed by a "news" event carrying the echoed data.
// The event "blobs" (n) answers with n binary "blob" events, each with two binary attachments.
// The event "kick" makes the server disconnect the socket (a namespace DISCONNECT, then the close).
const http = require('http');
const { Server } = require('socket.io');

const counts = { connections: 0, rejected: 0, echo: 0, news: 0, blobs: 0, disconnects: 0 };
const httpServer = http.createServer((req, res) => {
  if (req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(counts));
    return;
  }
  res.statusCode = 404;
  res.end();
});
const io = new Server(httpServer, {
  transports: ['websocket'],
  pingInterval: Number(process.env.PING_INTERVAL || 25000),
  pingTimeout: Number(process.env.PING_TIMEOUT || 20000),
});
const nsp = process.env.NAMESPACE ? io.of(process.env.NAMESPACE) : io;
nsp.use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === 'secret') {
    next();
    return;
  }
  counts.rejected++;
  next(new Error('bad token'));
});
nsp.on('connection', (socket) => {
  counts.connections++;
  socket.on('echo', (data, ack) => {
    counts.echo++;
    if (typeof ack === 'function') {
      counts.acks = (counts.acks || 0) + 1;
      ack(data);
    }
    if (process.env.NEWS_AFTER_ECHO) {
      counts.news++;
      socket.emit('news', { echoed: data });
    }
  });
  socket.on('start', (n, ack) => {
    for (let i = 1; i <= n; i++) {
      socket.emit('news', { seq: i });
    }
    counts.news += n;
    if (typeof ack === 'function') {
      ack('started');
    }
  });
  // two sequenced feeds: 'news' 1..n without 4 (a gap), 'prices' 1..n with 7 sent twice and 3
  // after 5 (a duplicate, an out-of-order arrival), with a server timestamp
  socket.on('feeds', (n, ack) => {
    const prices = [];
    for (let i = 1; i <= n; i++) {
      if (i !== 4) {
        socket.emit('news', { seq: i, ts: Date.now() });
      }
      if (i !== 3) {
        prices.push(i);
      }
      if (i === 5) {
        prices.push(3);
      }
      if (i === 7) {
        prices.push(7);
      }
    }
    prices.forEach((seq) => socket.emit('prices', { seq, ts: Date.now() }));
    if (typeof ack === 'function') {
      ack('started');
    }
  });
  socket.on('blobs', (n, ack) => {
    for (let i = 1; i <= n; i++) {
      counts.blobs++;
      socket.emit('blob', { seq: i, head: Buffer.from([1, 2, 3]), tail: Buffer.alloc(100, i) });
    }
    if (typeof ack === 'function') {
      ack('sent');
    }
  });
  socket.on('kick', () => {
    counts.kicks = (counts.kicks || 0) + 1;
    socket.disconnect(true);
  });
  socket.on('disconnect', () => counts.disconnects++);
});
httpServer.listen(0, '127.0.0.1', () => console.log('PORT ' + httpServer.address().port));
