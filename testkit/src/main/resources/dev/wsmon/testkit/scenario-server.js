// A scripted WebSocket server for wsmon's scenario truth tests (Node + the `ws` package).
// Modes: flow (auth/subscribe/ping), drop (flow, but drops every connection after its 3rd ping of
// its first session), wrong (answers pings with the wrong id). GET /counts returns its log.
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const mode = process.argv[2] || 'flow';
const counts = {
  connections: 0, auths: 0, subscribes: 0, pings: 0, pongs: 0, ticks: 0, other: 0,
  closes: {}, sessions_by_client: {},
};
let session = 0;

const server = http.createServer((req, res) => {
  if (req.url === '/counts') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(counts));
  } else {
    res.writeHead(404);
    res.end();
  }
});
const wss = new WebSocketServer({ server });

wss.on('connection', (ws) => {
  counts.connections++;
  let pingsThisSession = 0;
  let client = null;
  ws.on('message', (data, isBinary) => {
    let msg;
    try {
      msg = JSON.parse(data.toString());
    } catch (e) {
      counts.other++;
      return;
    }
    if (msg.op === 'auth') {
      counts.auths++;
      client = String(msg.id).split('-')[0];
      counts.sessions_by_client[client] = (counts.sessions_by_client[client] || 0) + 1;
      ws.send(JSON.stringify({ op: 'authed', session: 's-' + (++session) }));
    } else if (msg.op === 'subscribe') {
      counts.subscribes++;
      ws.send(JSON.stringify({ type: 'subscribed', session: msg.session }));
      counts.ticks++;
      ws.send(JSON.stringify({ type: 'tick', n: counts.ticks }));
    } else if (msg.op === 'ping') {
      counts.pings++;
      pingsThisSession++;
      if (mode === 'drop' && pingsThisSession === 3 && counts.sessions_by_client[client] === 1) {
        ws.terminate();
        return;
      }
      // a tick the scenario must skip, then the answer
      counts.ticks++;
      ws.send(JSON.stringify({ type: 'tick', n: counts.ticks }));
      counts.pongs++;
      ws.send(JSON.stringify({ op: 'pong', id: mode === 'wrong' ? 'wrong' : msg.id }));
    } else {
      counts.other++;
    }
  });
  ws.on('close', (code, reason) => {
    const key = String(code);
    counts.closes[key] = (counts.closes[key] || 0) + 1;
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log('PORT ' + server.address().port);
});
