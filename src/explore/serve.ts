/**
 * `trialsim explore --serve`: the explorer folder over HTTP on 127.0.0.1
 * only (never another interface), serving the folder's own files by exact
 * name and nothing else (no path is ever joined from a request). Served
 * pages are cross-origin isolated (COOP and COEP headers), which lets the
 * basket designs share their posterior caches between workers as they do
 * in Node; a page opened from a file runs them with a cache per worker.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLORER_FILES } from './folder.js';

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; worker-src blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'",
};

const LOOPBACK = '127.0.0.1';

/** Serves `folder`'s explorer files; resolves with the server once it listens (port 0: any free port). */
export function serveExplorer(folder: string, port: number): Promise<{ server: Server; url: string }> {
  const files = new Map<string, string>(EXPLORER_FILES.map((name) => [`/${name}`, name]));
  files.set('/', 'index.html');
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const name = files.get(path);
    const host = req.headers.host ?? '';
    // A page on another site may resolve its own name to 127.0.0.1 (DNS rebinding): answer only to this address.
    const hostOk = host === `${LOOPBACK}:${(server.address() as { port: number }).port}` || host.startsWith('localhost:');
    if (!hostOk || (req.method !== 'GET' && req.method !== 'HEAD') || !name) {
      res.writeHead(hostOk ? (name ? 405 : 404) : 421, { 'Content-Type': 'text/plain; charset=utf-8', ...HEADERS });
      res.end(hostOk ? 'not found\n' : 'misdirected request\n');
      return;
    }
    const body = readFileSync(join(folder, name));
    res.writeHead(200, { 'Content-Type': TYPES[name.split('.').pop()!], 'Content-Length': body.length, ...HEADERS });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      const { port: bound } = server.address() as { port: number };
      resolve({ server, url: `http://${LOOPBACK}:${bound}/` });
    });
  });
}
