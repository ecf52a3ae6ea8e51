// A forward proxy for the privacy checks of both e2e harnesses: every request a browser makes to another
// origin goes through it, is recorded, and gets no answer.
import http from 'node:http';
import net from 'node:net';

/** A forward proxy that answers nothing and records every URL (and CONNECT target) it is asked for. */
export async function recordingProxy() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket: net.Socket) => {
    seen.push(`CONNECT ${req.url ?? ''}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}
