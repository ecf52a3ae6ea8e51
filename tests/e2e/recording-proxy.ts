// A forward proxy for the privacy checks of both e2e harnesses: every request a browser makes to another
// origin goes through it, is recorded, and gets no answer. A test may put a stand-in behind one https host
// (`standIn`): the proxy then ends TLS itself with a certificate made for that host (the browser is launched to
// accept it), so that the extension's own requests, background ones included, reach the stand-in at the real
// address in any browser.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** What a stand-in answers to one request (the URL it was asked, path and query). */
export type StandIn = (url: URL, req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A throwaway self-signed certificate for `host` (openssl, in a temporary folder). */
function certificateFor(host: string): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essor-standin-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '2', '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`], { stdio: 'ignore' });
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  } catch (e) {
    throw new Error(`a stand-in for ${host} needs openssl (apt-get install -y openssl): ${(e as Error).message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A forward proxy that answers nothing and records every URL (and CONNECT target) it is asked for. */
export async function recordingProxy() {
  const seen: string[] = [];
  const standIns = new Map<string, https.Server>();
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(502).end();
  });
  // A browser may reset a tunnel it gave up on: that is no failure of the test (an unheard 'error' would be).
  server.on('clientError', (_e, socket: net.Socket) => socket.destroy());
  server.on('connect', (req, socket: net.Socket) => {
    socket.on('error', () => socket.destroy());
    seen.push(`CONNECT ${req.url ?? ''}`);
    const stand = standIns.get(req.url ?? '');
    if (stand) {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      stand.emit('connection', socket);
      return;
    }
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** Serves `https://<host>/…` with `handler` until `removeStandIn(host)`. */
    standIn(host: string, handler: StandIn) {
      const tls = https.createServer(certificateFor(host), (req, res) => {
        try {
          handler(new URL(req.url ?? '/', `https://${host}`), req, res);
        } catch {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        }
      });
      standIns.get(`${host}:443`)?.close();
      standIns.set(`${host}:443`, tls);
    },
    removeStandIn(host: string) {
      standIns.get(`${host}:443`)?.close();
      standIns.delete(`${host}:443`);
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of standIns.values()) s.close();
        standIns.clear();
        server.close(() => r());
      }),
  };
}
