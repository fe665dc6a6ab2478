// A graphql-ws 6 server (graphql-transport-ws) for wsmon's protocol tests. Prints "PORT <n>".
// connection_init payload {token: "secret"} is required (else 4403 Forbidden).
// GET /stats answers what the server saw. With PONGS=n each connection answers only its first n
// pings (graphql-ws answers pings itself; the rest of its pongs are not sent).
// TICK_MS=n spaces a subscription's ticks n ms apart; CLOSE_AT_TICK=k:CODE closes each connection
// with CODE right after its k-th tick (mid-subscription); ACK_DELAY_MS=n holds each connection_ack
// back n ms; SERVER_PINGS_MS=n sends a ping every n ms on each connection; AUTO_PONG=0 leaves the
// client's WebSocket pings unanswered.
const http = require('http');
const { WebSocketServer } = require('ws');
const { useServer } = require('graphql-ws/use/ws');
const { buildSchema } = require('graphql');

const counts = {
  connections: 0,
  rejected: 0,
  queries: 0,
  subscriptions: 0,
  ticks: 0,
  completed: 0,
  closed: {},
  pings: 0,
  pongs: 0,
};
const tickMs = Number(process.env.TICK_MS || 0);
const closeAt = process.env.CLOSE_AT_TICK ? process.env.CLOSE_AT_TICK.split(':').map(Number) : null;
const ackDelay = Number(process.env.ACK_DELAY_MS || 0);
const serverPings = Number(process.env.SERVER_PINGS_MS || 0);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const schema = buildSchema(`
  type Query { hello(name: String): String }
  type Subscription { ticks(n: Int!): Int }
`);
const roots = {
  query: {
    hello: ({ name }) => {
      counts.queries++;
      return 'hello ' + (name || 'world');
    },
  },
  subscription: {
    ticks: async function* ({ n }, ctx) {
      counts.subscriptions++;
      for (let i = 1; i <= n; i++) {
        if (tickMs > 0) {
          await sleep(tickMs);
        }
        const socket = ctx && ctx.extra && ctx.extra.socket;
        if (socket && socket.readyState !== 1) {
          return;
        }
        counts.ticks++;
        yield { ticks: i };
        if (closeAt && socket) {
          socket.wsmonTicks = (socket.wsmonTicks || 0) + 1;
          if (socket.wsmonTicks === closeAt[0]) {
            setImmediate(() => socket.close(closeAt[1], 'closed at tick ' + closeAt[0]));
          }
        }
      }
      counts.completed++;
    },
  },
};
const httpServer = http.createServer((req, res) => {
  if (req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(counts));
    return;
  }
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({
  server: httpServer,
  path: '/graphql',
  autoPong: process.env.AUTO_PONG !== '0',
});
const pongs = process.env.PONGS === undefined ? -1 : Number(process.env.PONGS);
useServer(
  {
    schema,
    roots,
    context: (ctx) => ctx,
    onConnect: async (ctx) => {
      if (ackDelay > 0) {
        await sleep(ackDelay);
      }
      if (!ctx.connectionParams || ctx.connectionParams.token !== 'secret') {
        counts.rejected++;
        return false;
      }
      counts.connections++;
      return true;
    },
  },
  wss,
);
httpServer.listen(0, '127.0.0.1', () => console.log('PORT ' + httpServer.address().port));
wss.on('connection', (socket) => {
  socket.on('close', (code) => {
    counts.closed[code] = (counts.closed[code] || 0) + 1;
  });
  socket.on('message', (data) => {
    const text = String(data);
    if (text.includes('"pong"')) {
      counts.pongs++;
    }
  });
  if (serverPings > 0) {
    const timer = setInterval(() => {
      if (socket.readyState === 1) {
        counts.pings++;
        socket.send(JSON.stringify({ type: 'ping' }));
      }
    }, serverPings);
    socket.on('close', () => clearInterval(timer));
  }
});
if (pongs >= 0) {
  wss.on('connection', (socket) => {
    const send = socket.send.bind(socket);
    let answered = 0;
    socket.send = (data, ...rest) => {
      if (String(data).includes('"pong"') && JSON.parse(String(data)).type === 'pong') {
        answered++;
        if (answered > pongs) {
          return;
        }
      }
      send(data, ...rest);
    };
  });
}
