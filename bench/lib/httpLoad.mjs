// A keep-alive HTTP load loop (no autocannon or wrk on this machine): `connections` loops, each with
// its own kept-alive socket, send GET `path` one after another for `seconds` and time each answer.
// Run as a child process so that it does not share the measured server's event loop.
// argv[2]: JSON { port, path, headers, connections, seconds }; prints JSON { requests, errors, statuses, rps, p50, p99, bytes }.
import http from 'node:http';

const o = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
const lat = [];
const statuses = {};
let errors = 0;
let bytes = 0;
const end = Date.now() + o.seconds * 1000;

function once() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.get({ host: '127.0.0.1', port: o.port, path: o.path, headers: o.headers, agent }, (res) => {
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => {
        lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        resolve();
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      errors++;
      resolve();
    });
  });
}

async function loop() {
  while (Date.now() < end) await once();
}
const t0 = Date.now();
await Promise.all(Array.from({ length: o.connections }, loop));
const took = (Date.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const pct = (p) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : NaN);
agent.destroy();
console.log(JSON.stringify({ requests: lat.length, errors, statuses, rps: lat.length / took, p50: pct(0.5), p99: pct(0.99), bytes }));
