// A graphql-ws 6 server (graphql-transport-ws) for wsmon's protocol tests. Prints "PORT <n>".
// connection_init payload {token: "secret"} is required (else 4403 Forbidden).
// GET /stats answers what the server saw. With PONGS=n each connection answers only its first n
// pings (graphql-ws answers pings itself; the rest of its pongs are not sent).
const http = require('http');
const { WebSocketServer } = require('ws');
const { useServer } = require('graphql-ws/use/ws');
const { buildSchema } = require('graphql');

const counts = { connections: 0, rejected: 0, queries: 0, subscriptions: 0, ticks: 0 };
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
    ticks: async function* ({ n }) {
      counts.subscriptions++;
      for (let i = 1; i <= n; i++) {
        counts.ticks++;
        yield { ticks: i };
      }
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
const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
const pongs = process.env.PONGS === undefined ? -1 : Number(process.env.PONGS);
useServer(
  {
    schema,
    roots,
    onConnect: (ctx) => {
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
