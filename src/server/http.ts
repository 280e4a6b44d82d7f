/**
 * One small HTTP server for everything that needs a port: health and readiness, metrics, the
 * Telegram webhook and Slack events. Routes are registered by the channels that need them.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  route(method: string, path: string, handler: RouteHandler): void;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createHttpServer(log: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      res.writeHead(routes.has(`POST ${path}`) || routes.has(`GET ${path}`) ? 405 : 404).end();
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      log.error({ err: (err as Error).name, path }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  return {
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeIdleConnections?.();
        server.close(() => resolve());
        setTimeout(() => server.closeAllConnections?.(), 2000).unref();
      });
    },
  };
}

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
